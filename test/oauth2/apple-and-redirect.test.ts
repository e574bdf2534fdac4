import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { importSPKI, jwtVerify } from 'jose';
import { takeAppleName } from '../../src/core/auth/oauth2/apple-names.js';
import type { OAuth2RedirectMessage } from '../../src/core/auth/oauth2/relay.js';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { api } from './setup.js';

for (const dialect of DIALECTS) {
  describe(`Apple client secret (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp({ dialect });
    });
    after(() => t?.close());

    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const body = { clientId: 'com.example.app', teamId: 'ABCDE12345', keyId: 'KEY1234567', privateKey, duration: 3600 };
    const path = '/api/settings/apple/generate-client-secret';

    it('signs an ES256 client secret for Apple', async () => {
      const res = await api(t, 'POST', path, body, await t.superuserToken());
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { payload, protectedHeader } = await jwtVerify(res.body.secret, await importSPKI(publicKey, 'ES256'), {
        issuer: 'ABCDE12345',
        audience: 'https://appleid.apple.com',
        subject: 'com.example.app',
      });
      assert.equal(protectedHeader.alg, 'ES256');
      assert.equal(protectedHeader.kid, 'KEY1234567');
      assert.equal(Number(payload.exp) - Number(payload.iat), 3600);
    });

    it('is for superusers only and checks its input', async () => {
      assert.equal((await api(t, 'POST', path, body)).status, 401);
      const user = await createUser(t, 'apple-user@example.com');
      assert.equal((await api(t, 'POST', path, body, user.token)).status, 403);
      const su = await t.superuserToken();
      const bad = await api(t, 'POST', path, { ...body, teamId: 'short', duration: 99999999 }, su);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.data.teamId.code, 'validation_length_out_of_range');
      assert.equal(bad.body.data.duration.code, 'validation_max_less_equal_than_required');
      const key = await api(t, 'POST', path, { ...body, privateKey: 'not a key' }, su);
      assert.equal(key.status, 400);
      assert.equal(key.body.data.privateKey.code, 'validation_invalid_private_key');
      const empty = await api(t, 'POST', path, {}, su);
      assert.deepEqual(Object.keys(empty.body.data).sort(), ['clientId', 'duration', 'keyId', 'privateKey', 'teamId']);
    });
  });
}

describe('the OAuth2 redirect for the all-in-one flow (through a stand-in relay)', () => {
  let t: TestApp;
  const sent: Array<[string, OAuth2RedirectMessage]> = [];
  const waiting = new Set<string>();

  before(async () => {
    t = await startApp({ dialect: 'sqlite' });
  });
  after(() => t?.close());

  const get = (query: string) => t.server.inject({ method: 'GET', url: `/api/oauth2-redirect?${query}` });
  const post = (form: string) =>
    t.server.inject({
      method: 'POST',
      url: '/api/oauth2-redirect',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });

  it('answers an error page while nothing relays to realtime clients', async () => {
    const relay = t.app.oauth2Relay;
    t.app.oauth2Relay = undefined;
    const res = await get('state=abc&code=xyz');
    t.app.oauth2Relay = relay;
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /Sign-in not completed/);
  });

  it('forwards state and code to the waiting client, then redirects to the success page', async () => {
    t.app.oauth2Relay = {
      send(clientId, message) {
        if (!waiting.delete(clientId)) return false;
        sent.push([clientId, message]);
        return true;
      },
    };
    waiting.add('client1');
    const res = await get('state=client1&code=the-code');
    assert.equal(res.statusCode, 307);
    assert.equal(res.headers.location, '../_/#/auth/oauth2-redirect-success');
    assert.deepEqual(sent.pop(), ['client1', { state: 'client1', code: 'the-code' }]);
  });

  it('redirects to the failure page for an unknown state, a provider error or a missing code', async () => {
    const unknown = await get('state=nobody&code=c');
    assert.equal(unknown.statusCode, 307);
    assert.equal(unknown.headers.location, '../_/#/auth/oauth2-redirect-failure');
    assert.equal(sent.length, 0);
    waiting.add('client2');
    const denied = await get('state=client2&error=access_denied');
    assert.equal(denied.headers.location, '../_/#/auth/oauth2-redirect-failure');
    assert.deepEqual(sent.pop(), ['client2', { state: 'client2', code: '', error: 'access_denied' }]);
    const none = await get('');
    assert.equal(none.headers.location, '../_/#/auth/oauth2-redirect-failure');
  });

  it("takes Apple's form_post with a 303 and keeps the user's name for the code exchange", async () => {
    waiting.add('client3');
    const user = JSON.stringify({ name: { firstName: 'Ann', lastName: 'Lee' }, email: 'a@b.c' });
    const form = new URLSearchParams({ state: 'client3', code: 'apple-code', user }).toString();
    const res = await post(form);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '../_/#/auth/oauth2-redirect-success');
    assert.deepEqual(sent.pop(), ['client3', { state: 'client3', code: 'apple-code' }]);
    assert.equal(takeAppleName('apple-code'), 'Ann Lee');
    assert.equal(takeAppleName('apple-code'), '', 'kept for one exchange only');
  });
});
