import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import {
  issueAuthToken,
  issueToken,
  unverifiedClaims,
  verifyAuthToken,
  verifyToken,
} from '../../src/core/auth/tokens.js';
import type { RecordData } from '../../src/core/request.js';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';
import { collection, editCollection } from './helpers.js';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

for (const dialect of DIALECTS) {
  describe(`tokens (${dialect})`, () => {
    let env: TestApp;
    let user: TestUser;
    let record: RecordData;

    before(async () => {
      env = await startApp({ dialect });
      user = await createUser(env, 'ann@example.com');
      record = { id: user.id, tokenKey: user.tokenKey };
    });
    after(() => env?.close());

    const users = () => collection(env.app, 'users');
    const key = (secret = users().auth?.authToken.secret ?? '') => new TextEncoder().encode(user.tokenKey + secret);
    const exp = (offset: number) => Math.floor(Date.now() / 1000) + offset;

    it('round-trips an auth token with the exact claims and header', async () => {
      const token = await issueAuthToken(env.app, users(), record);
      assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
      const claims = decodeJwt(token);
      assert.deepEqual(Object.keys(claims).sort(), ['collectionId', 'exp', 'id', 'refreshable', 'type']);
      assert.equal(claims.id, user.id);
      assert.equal(claims.collectionId, users().id);
      assert.equal(claims.type, 'auth');
      assert.equal(claims.refreshable, true);
      const duration = users().auth?.authToken.duration ?? 0;
      assert.ok(Math.abs((claims.exp ?? 0) - exp(duration)) <= 1);
      const requester = await verifyAuthToken(env.app, token);
      assert.ok(requester);
      assert.equal(requester.record?.id, user.id);
      assert.equal(requester.collection?.name, 'users');
      assert.equal(requester.isSuperuser, false);
    });

    it('honours refreshable:false and a custom duration', async () => {
      const token = await issueAuthToken(env.app, users(), record, { refreshable: false, duration: 60 });
      const claims = decodeJwt(token);
      assert.equal(claims.refreshable, false);
      assert.ok(Math.abs((claims.exp ?? 0) - exp(60)) <= 1);
      const verified = await verifyToken(env.app, token, 'auth');
      assert.equal(verified?.claims.refreshable, false);
      assert.equal(unverifiedClaims(token)?.refreshable, false);
    });

    it('marks superusers', async () => {
      const su = await createUser(env, 'su@example.com', { collection: '_superusers' });
      const token = await issueAuthToken(env.app, collection(env.app, '_superusers'), {
        id: su.id,
        tokenKey: su.tokenKey,
      });
      const requester = await verifyAuthToken(env.app, token);
      assert.equal(requester?.isSuperuser, true);
    });

    it('treats garbled tokens as guests', async () => {
      for (const bad of ['', 'abc', 'a.b.c', 'x'.repeat(10000), `${b64({ alg: 'HS256' })}.${b64({})}.sig`]) {
        assert.equal(await verifyAuthToken(env.app, bad), null, bad.slice(0, 20));
      }
    });

    it('rejects expired tokens', async () => {
      const token = await new SignJWT({
        id: user.id,
        collectionId: users().id,
        type: 'auth',
        refreshable: true,
        exp: exp(-5),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(key());
      assert.equal(await verifyAuthToken(env.app, token), null);
    });

    it('rejects alg:none and other algorithms', async () => {
      const payload = { id: user.id, collectionId: users().id, type: 'auth', refreshable: true, exp: exp(100) };
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
      assert.equal(await verifyAuthToken(env.app, none), null);
      const hs512 = await new SignJWT(payload).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(key());
      assert.equal(await verifyAuthToken(env.app, hs512), null);
      const good = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key());
      assert.ok(await verifyAuthToken(env.app, good));
    });

    it('rejects a wrong key and a tampered payload', async () => {
      const payload = { id: user.id, collectionId: users().id, type: 'auth', exp: exp(100) };
      const wrong = await new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .sign(key('another-secret-another-secret-xx'));
      assert.equal(await verifyAuthToken(env.app, wrong), null);
      const token = await issueAuthToken(env.app, users(), record);
      const [h, , s] = token.split('.');
      const tampered = `${h}.${b64({ ...payload, exp: exp(10_000) })}.${s}`;
      assert.equal(await verifyAuthToken(env.app, tampered), null);
    });

    it('rejects tokens missing required claims', async () => {
      for (const drop of ['id', 'collectionId', 'type'] as const) {
        const payload: Record<string, unknown> = { id: user.id, collectionId: users().id, type: 'auth', exp: exp(100) };
        delete payload[drop];
        const token = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key());
        assert.equal(await verifyAuthToken(env.app, token), null, drop);
      }
    });

    it('checks the token type', async () => {
      const file = await issueToken(env.app, users(), record, 'file');
      assert.equal(await verifyAuthToken(env.app, file), null);
      assert.equal((await verifyToken(env.app, file, 'file'))?.requester.record?.id, user.id);
      assert.equal((await verifyToken(env.app, file, ['verification', 'file']))?.claims.type, 'file');
      const auth = await issueAuthToken(env.app, users(), record);
      assert.equal(await verifyAuthToken(env.app, auth, 'file'), null);
      const reset = await issueToken(env.app, users(), record, 'passwordReset', { email: user.email });
      assert.equal((await verifyToken(env.app, reset, 'passwordReset'))?.claims.email, user.email);
    });

    it('signs each type with its own secret', async () => {
      const payload = { id: user.id, collectionId: users().id, type: 'file', exp: exp(100) };
      const withAuthSecret = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(key());
      assert.equal(await verifyToken(env.app, withAuthSecret, 'file'), null);
    });

    it('is invalidated by a tokenKey change, a secret change and a deleted record', async () => {
      const other = await createUser(env, 'other@example.com');
      const rec = { id: other.id, tokenKey: other.tokenKey };
      const token = await issueAuthToken(env.app, users(), rec);
      assert.ok(await verifyAuthToken(env.app, token));
      await env.app.store.run('UPDATE "users" SET "tokenKey" = ? WHERE "id" = ?', ['k'.repeat(50), other.id]);
      assert.equal(await verifyAuthToken(env.app, token), null);

      const token2 = await issueAuthToken(env.app, users(), record);
      const original = structuredClone(users());
      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.authToken.secret = 's'.repeat(50);
      });
      assert.equal(await verifyAuthToken(env.app, token2), null);
      env.app.collections.replace(env.app.collections.all().map((c) => (c.name === 'users' ? original : c)));
      assert.ok(await verifyAuthToken(env.app, token2));

      await env.app.store.run('DELETE FROM "users" WHERE "id" = ?', [other.id]);
      const token3 = await issueAuthToken(env.app, users(), { id: other.id, tokenKey: 'k'.repeat(50) });
      assert.equal(await verifyAuthToken(env.app, token3), null);
    });

    it('rejects a collectionId that is not an auth collection', async () => {
      const token = await issueAuthToken(env.app, users(), record);
      const [h, , s] = token.split('.');
      const forged = `${h}.${b64({ ...decodeJwt(token), collectionId: 'users' })}.${s}`;
      assert.equal(await verifyAuthToken(env.app, forged), null);
    });
  });
}
