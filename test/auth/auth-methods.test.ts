import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authMethods } from '../../src/core/auth/service.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { collection, editCollection, json } from './helpers.js';

for (const dialect of DIALECTS) {
  describe(`auth-methods (${dialect})`, () => {
    let env: TestApp;

    before(async () => {
      env = await startApp({ dialect });
    });
    after(() => env?.close());

    const get = (url: string) => env.server.inject({ method: 'GET', url });

    it('describes the default users collection', async () => {
      const res = await get('/api/collections/users/auth-methods');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(json(res), {
        password: { identityFields: ['email'], enabled: true },
        oauth2: { providers: [], enabled: false },
        mfa: { enabled: false, duration: 0 },
        otp: { enabled: false, duration: 0 },
        authProviders: null,
        usernamePassword: false,
        emailPassword: true,
      });
    });

    it('accepts the collection id and supports ?fields=', async () => {
      const id = collection(env.app, '_superusers').id;
      const res = await get(`/api/collections/${id}/auth-methods?fields=mfa,otp,password,oauth2`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(Object.keys(json(res)).sort(), ['mfa', 'oauth2', 'otp', 'password']);
    });

    it('reports durations only when enabled and hides identity fields when password auth is off', () => {
      const c = editCollection(env.app, 'users', (x) => {
        if (!x.auth) return;
        x.auth.mfa.enabled = true;
        x.auth.otp.enabled = true;
        x.auth.passwordAuth.enabled = false;
        x.auth.oauth2.enabled = true;
      });
      const out = authMethods(c);
      assert.deepEqual(out.password, { identityFields: [], enabled: false });
      assert.equal(out.mfa.duration, c.auth?.mfa.duration);
      assert.equal(out.otp.duration, c.auth?.otp.duration);
      assert.deepEqual(out.authProviders, []);
      assert.equal(out.emailPassword, false);
    });

    it('answers 404 for unknown and non-auth collections', async () => {
      const unknown = await get('/api/collections/nope/auth-methods');
      assert.equal(unknown.statusCode, 404);
      assert.equal(json(unknown).message, 'Missing or invalid collection context.');
      const base = env.app.collections.all().find((c) => c.type !== 'auth');
      assert.ok(base, 'a fresh install has base system collections');
      const res = await get(`/api/collections/${base.name}/auth-methods`);
      assert.equal(res.statusCode, 404);
      assert.deepEqual(json(res), { data: {}, message: 'Missing or invalid auth collection context.', status: 404 });
    });
  });
}
