import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { issueAuthToken } from '../../src/core/auth/tokens.js';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';
import { collection, editCollection, json } from './helpers.js';

const URL = '/api/collections/users/auth-refresh';

for (const dialect of DIALECTS) {
  describe(`auth-refresh and the Authorization header (${dialect})`, () => {
    let env: TestApp;
    let user: TestUser;
    let token: string;

    before(async () => {
      env = await startApp({ dialect });
      user = await createUser(env, 'ann@example.com');
      token = await issueAuthToken(env.app, collection(env.app, 'users'), { id: user.id, tokenKey: user.tokenKey });
    });
    after(() => env?.close());

    const refresh = (authorization?: string, url = URL) =>
      env.server.inject({ method: 'POST', url, headers: authorization === undefined ? {} : { authorization } });

    it('requires auth', async () => {
      const res = await refresh();
      assert.equal(res.statusCode, 401);
      assert.deepEqual(json(res), {
        data: {},
        message: 'The request requires valid record authorization token.',
        status: 401,
      });
      const garbled = await refresh('garbage');
      assert.equal(garbled.statusCode, 401);
    });

    it('accepts the raw token and a case-insensitive Bearer prefix', async () => {
      for (const header of [token, `Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`]) {
        const res = await refresh(header);
        assert.equal(res.statusCode, 200, header.slice(0, 10));
        assert.equal(json(res).record.id, user.id);
      }
    });

    it('issues a fresh refreshable token reflecting the current record', async () => {
      const res = await refresh(token);
      const body = json(res);
      const claims = decodeJwt(body.token);
      assert.equal(claims.refreshable, true);
      assert.equal(claims.id, user.id);
      assert.equal(body.record.email, user.email);
      await env.app.store.run('UPDATE "users" SET "emailVisibility" = TRUE WHERE "id" = ?', [user.id]);
      const again = json(await refresh(body.token));
      assert.equal(again.record.emailVisibility, true);
    });

    it('returns a non-refreshable token unchanged', async () => {
      const fixed = await issueAuthToken(
        env.app,
        collection(env.app, 'users'),
        { id: user.id, tokenKey: user.tokenKey },
        {
          refreshable: false,
          duration: 120,
        },
      );
      const res = await refresh(fixed);
      assert.equal(res.statusCode, 200);
      assert.equal(json(res).token, fixed);
    });

    it('requires the same collection', async () => {
      const res = await refresh(token, '/api/collections/_superusers/auth-refresh');
      assert.equal(res.statusCode, 403);
      assert.equal(json(res).message, 'The request requires auth record from users collection.');
      const unknown = await refresh(token, '/api/collections/nope/auth-refresh');
      assert.equal(unknown.statusCode, 404);
      assert.equal(json(unknown).message, 'Missing or invalid collection context.');
    });

    it('checks the authRule', async () => {
      const original = structuredClone(collection(env.app, 'users'));
      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.authRule = null;
      });
      const res = await refresh(token);
      assert.equal(res.statusCode, 403);
      env.app.collections.replace(env.app.collections.all().map((c) => (c.name === 'users' ? original : c)));
    });

    it('stops working once the tokenKey changes', async () => {
      const other = await createUser(env, 'other@example.com');
      const t = await issueAuthToken(env.app, collection(env.app, 'users'), { id: other.id, tokenKey: other.tokenKey });
      assert.equal((await refresh(t)).statusCode, 200);
      await env.app.store.run('UPDATE "users" SET "tokenKey" = ? WHERE "id" = ?', ['z'.repeat(50), other.id]);
      assert.equal((await refresh(t)).statusCode, 401);
    });
  });
}
