import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { verifyAuthToken } from '../../src/core/auth/tokens.js';
import type { Collection } from '../../src/core/collection.js';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';
import { collection, editCollection, json } from './helpers.js';

const URL = '/api/collections/users/auth-with-password';

for (const dialect of DIALECTS) {
  describe(`auth-with-password (${dialect})`, () => {
    let env: TestApp;
    let user: TestUser;
    let original: Collection;

    before(async () => {
      env = await startApp({ dialect });
      original = structuredClone(collection(env.app, 'users'));
      user = await createUser(env, 'ann@example.com', { data: { emailVisibility: false } });
    });
    after(() => env?.close());
    afterEach(() => {
      env.app.collections.replace(
        env.app.collections.all().map((c) => (c.name === 'users' ? structuredClone(original) : c)),
      );
    });

    const login = (payload: unknown, url = URL, headers: Record<string, string> = {}) =>
      env.server.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });

    it('signs in by email and returns token + record', async () => {
      const res = await login({ identity: user.email, password: user.password });
      assert.equal(res.statusCode, 200);
      const body = json(res);
      assert.deepEqual(Object.keys(body).sort(), ['record', 'token']);
      assert.equal(body.record.id, user.id);
      assert.equal(body.record.email, user.email, 'own email is always shown');
      assert.equal(body.record.collectionName, 'users');
      assert.equal(body.record.collectionId, collection(env.app, 'users').id);
      assert.equal('password' in body.record, false);
      assert.equal('tokenKey' in body.record, false);
      const requester = await verifyAuthToken(env.app, body.token);
      assert.equal(requester?.record?.id, user.id);
    });

    it('accepts urlencoded and multipart bodies', async () => {
      const form = new URLSearchParams({ identity: user.email, password: user.password }).toString();
      const res = await env.server.inject({
        method: 'POST',
        url: URL,
        payload: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 200);
      const boundary = 'XyZ';
      const parts = [`--${boundary}`, 'Content-Disposition: form-data; name="identity"', '', user.email];
      parts.push(
        `--${boundary}`,
        'Content-Disposition: form-data; name="password"',
        '',
        user.password,
        `--${boundary}--`,
        '',
      );
      const multipart = await env.server.inject({
        method: 'POST',
        url: URL,
        payload: parts.join('\r\n'),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      assert.equal(multipart.statusCode, 200);
    });

    it('gives the same 400 for an unknown identity and a wrong password', async () => {
      const expected = { data: {}, message: 'Failed to authenticate.', status: 400 };
      const wrong = await login({ identity: user.email, password: 'nope' });
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(json(wrong), expected);
      const unknown = await login({ identity: 'nobody@example.com', password: 'nope' });
      assert.deepEqual(json(unknown), expected);
      const notEmail = await login({ identity: 'nobody', password: 'nope' });
      assert.deepEqual(json(notEmail), expected);
    });

    it('is case-sensitive on email unless the unique index is NOCASE', async () => {
      const upper = await login({ identity: 'ANN@example.com', password: user.password });
      assert.equal(upper.statusCode, 400);
      editCollection(env.app, 'users', (c) => {
        c.indexes = c.indexes.filter((sql) => !/\(\s*[`"[]?email[`"\]]?\s*\)/i.test(sql));
        c.indexes.push(
          "CREATE UNIQUE INDEX `idx_email_nocase` ON `users` (`email` COLLATE NOCASE) WHERE `email` != ''",
        );
      });
      const res = await login({ identity: 'ANN@example.com', password: user.password });
      assert.equal(res.statusCode, 200);
    });

    it('validates the body', async () => {
      const empty = await login({});
      assert.equal(empty.statusCode, 400);
      const body = json(empty);
      assert.equal(body.message, 'An error occurred while validating the submitted data.');
      assert.equal(body.data.identity.code, 'validation_required');
      assert.equal(body.data.password.code, 'validation_required');

      const long = await login({ identity: 'x'.repeat(256), password: 'p', identityField: 'name' });
      const data = json(long).data;
      assert.equal(data.identity.code, 'validation_length_out_of_range');
      assert.equal(data.identityField.code, 'validation_in_invalid');
      assert.equal(data.password, undefined);
    });

    it('searches only the given identityField', async () => {
      const ok = await login({ identity: user.email, password: user.password, identityField: 'email' });
      assert.equal(ok.statusCode, 200);
    });

    it('tries other identity fields and skips email for non-email identities', async () => {
      await env.app.store.exec(`ALTER TABLE "users" ADD COLUMN "username" TEXT DEFAULT '' NOT NULL`);
      await env.app.store.run('UPDATE "users" SET "username" = ? WHERE "id" = ?', ['ann_1', user.id]);
      editCollection(env.app, 'users', (c) => {
        c.fields.push({
          id: 'text_username',
          name: 'username',
          type: 'text',
          system: false,
          hidden: false,
          presentable: false,
        });
        c.indexes.push('CREATE UNIQUE INDEX `idx_username` ON `users` (`username` COLLATE NOCASE)');
        if (c.auth) c.auth.passwordAuth.identityFields = ['email', 'username'];
      });
      const res = await login({ identity: 'ANN_1', password: user.password });
      assert.equal(res.statusCode, 200);
      assert.equal(json(res).record.id, user.id);
      const byField = await login({ identity: 'ann_1', password: user.password, identityField: 'username' });
      assert.equal(byField.statusCode, 200);
      const wrongField = await login({ identity: 'ann_1', password: user.password, identityField: 'email' });
      assert.equal(wrongField.statusCode, 400);
    });

    it('returns 403 when password auth is disabled', async () => {
      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.passwordAuth.enabled = false;
      });
      const res = await login({ identity: user.email, password: user.password });
      assert.equal(res.statusCode, 403);
      assert.equal(json(res).message, 'The collection is not configured to allow password authentication.');
    });

    it('applies the authRule', async () => {
      const denied = "The request doesn't satisfy the collection requirements to authenticate.";
      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.authRule = null;
      });
      const nullRule = await login({ identity: user.email, password: user.password });
      assert.equal(nullRule.statusCode, 403);
      assert.equal(json(nullRule).message, denied);

      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.authRule = 'verified = true';
      });
      const unverified = await login({ identity: user.email, password: user.password });
      assert.equal(unverified.statusCode, 403);

      editCollection(env.app, 'users', (c) => {
        if (c.auth) c.auth.authRule = "verified = false && @request.context = 'password'";
      });
      const allowed = await login({ identity: user.email, password: user.password });
      assert.equal(allowed.statusCode, 200);
    });

    it('answers 404 for unknown and non-auth collections', async () => {
      const unknown = await login({}, '/api/collections/nope/auth-with-password');
      assert.equal(unknown.statusCode, 404);
      assert.equal(json(unknown).message, 'Missing or invalid collection context.');
      const base = env.app.collections.all().find((c) => c.type !== 'auth');
      if (base) {
        const res = await login({}, `/api/collections/${base.name}/auth-with-password`);
        assert.equal(res.statusCode, 404);
        assert.equal(json(res).message, 'Missing or invalid auth collection context.');
      }
    });

    it('honours ?fields=', async () => {
      const res = await login({ identity: user.email, password: user.password }, `${URL}?fields=token,record.id`);
      assert.equal(res.statusCode, 200);
      const body = json(res);
      assert.deepEqual(Object.keys(body).sort(), ['record', 'token']);
      assert.deepEqual(body.record, { id: user.id });
    });

    it('hides hidden fields from regular records but shows them to superusers', async () => {
      // created before the column exists, so the row holds the column default
      const su = await createUser(env, 'su-note@example.com', { collection: '_superusers' });
      for (const name of ['users', '_superusers']) {
        await env.app.store.exec(`ALTER TABLE "${name}" ADD COLUMN "note" TEXT DEFAULT 'n' NOT NULL`);
        editCollection(env.app, name, (c) => {
          c.fields.push({
            id: `text_note_${name}`,
            name: 'note',
            type: 'text',
            system: false,
            hidden: true,
            presentable: false,
          });
        });
      }
      const res = await login({ identity: user.email, password: user.password });
      assert.equal(res.statusCode, 200);
      assert.equal('note' in json(res).record, false);
      const suRes = await login(
        { identity: su.email, password: su.password },
        '/api/collections/_superusers/auth-with-password',
      );
      assert.equal(suRes.statusCode, 200);
      assert.equal(json(suRes).record.note, 'n');
    });

    it('signs superusers in', async () => {
      const su = await createUser(env, 'su@example.com', { collection: '_superusers' });
      const res = await login(
        { identity: su.email, password: su.password },
        '/api/collections/_superusers/auth-with-password',
      );
      assert.equal(res.statusCode, 200);
      const body = json(res);
      assert.equal(body.record.email, su.email);
      assert.equal('password' in body.record, false);
      assert.equal('tokenKey' in body.record, false);
      const requester = await verifyAuthToken(env.app, body.token);
      assert.equal(requester?.isSuperuser, true);
    });
  });
}
