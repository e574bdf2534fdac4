import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import { makeEnv, type RecordsEnv, signUp } from './setup.js';

for (const dialect of DIALECTS) {
  describe(`auth records (${dialect})`, () => {
    let env: RecordsEnv;
    const U = '/api/collections/users/records';
    before(async () => {
      env = await makeEnv(dialect);
    });
    after(() => env?.t.close());
    const run = (s: Scenario) => runScenario(env.t.url, s, env.tokens);

    it('signs a user up and never returns password or tokenKey', async () => {
      const rec = await run({
        name: 'signup',
        method: 'POST',
        url: U,
        body: { email: 'bob@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', name: 'Bob' },
        status: 200,
        expect: {
          collectionName: 'users',
          collectionId: '_pb_users_auth_',
          name: 'Bob',
          verified: false,
          emailVisibility: false,
        },
        absent: ['password', 'tokenKey', 'passwordConfirm', 'email'],
      });
      const auth = await run({
        name: 'login',
        method: 'POST',
        url: '/api/collections/users/auth-with-password',
        body: { identity: 'bob@example.com', password: 'secret-pass-1' },
        status: 200,
        expect: { record: { id: rec.id, email: 'bob@example.com' } },
        absent: ['record.password', 'record.tokenKey'],
      });
      assert.equal(typeof auth.token, 'string');
      env.tokens.bob = auth.token;
      await run({
        name: 'own view shows email',
        as: 'bob',
        method: 'GET',
        url: `${U}/${rec.id}`,
        status: 200,
        expect: { email: 'bob@example.com' },
      });
      await run({
        name: 'su view shows email',
        as: 'su',
        method: 'GET',
        url: `${U}/${rec.id}`,
        status: 200,
        expect: { email: 'bob@example.com' },
        absent: ['password', 'tokenKey'],
      });
      await run({ name: 'guest cannot view', method: 'GET', url: `${U}/${rec.id}`, status: 404 });
      await run({
        name: 'refresh',
        as: 'bob',
        method: 'POST',
        url: '/api/collections/users/auth-refresh',
        status: 200,
        expect: { record: { id: rec.id } },
      });
    });

    const signupErrors: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      [
        'no password',
        { email: 'c1@example.com' },
        { password: 'validation_required', passwordConfirm: 'validation_required' },
      ],
      [
        'mismatch',
        { email: 'c2@example.com', password: 'secret-pass-1', passwordConfirm: 'other-pass-11' },
        { passwordConfirm: 'validation_values_mismatch' },
      ],
      [
        'short password',
        { email: 'c3@example.com', password: 'short', passwordConfirm: 'short' },
        { password: 'validation_min_text_constraint' },
      ],
      [
        'bad email',
        { email: 'nope', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' },
        { email: 'validation_is_email' },
      ],
      [
        'verified by guest',
        { email: 'c4@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', verified: true },
        { verified: 'validation_values_mismatch' },
      ],
    ];
    for (const [name, body, codes] of signupErrors) {
      it(`refuses sign-up: ${name}`, async () => {
        const json = await run({
          name,
          method: 'POST',
          url: U,
          body,
          status: 400,
          expect: { message: 'Failed to create record.' },
        });
        for (const [field, code] of Object.entries(codes))
          assert.equal(json.data[field]?.code, code, `${field} in ${JSON.stringify(json.data)}`);
      });
    }

    it('refuses a duplicate email', async () => {
      await signUp(env, 'dup1', 'dup@example.com');
      await run({
        name: 'dup',
        method: 'POST',
        url: U,
        body: { email: 'dup@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' },
        status: 400,
        expect: { data: { email: { code: 'validation_not_unique' } } },
      });
    });

    it('lets a superuser set verified, and keeps auth ids unique across auth collections', async () => {
      const rec = await run({
        name: 'su verified',
        as: 'su',
        method: 'POST',
        url: U,
        body: { email: 'v@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1', verified: true },
        status: 200,
        expect: { verified: true, email: 'v@example.com' },
      });
      await run({
        name: 'same id in _superusers',
        as: 'su',
        method: 'POST',
        url: '/api/collections/_superusers/records',
        body: { id: rec.id, email: 'v2@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' },
        status: 400,
        expect: { data: { id: { code: 'validation_invalid_auth_id' } } },
      });
    });

    it('changes a password with oldPassword and rotates the token key', async () => {
      const user = await signUp(env, 'carl', 'carl@example.com');
      const url = `${U}/${user.id}`;
      await run({
        name: 'no oldPassword',
        as: 'carl',
        method: 'PATCH',
        url,
        body: { password: 'new-password-1', passwordConfirm: 'new-password-1' },
        status: 400,
        expect: { data: { oldPassword: { code: 'validation_invalid_old_password' } } },
      });
      await run({
        name: 'email change refused',
        as: 'carl',
        method: 'PATCH',
        url,
        body: { email: 'other@example.com' },
        status: 400,
        expect: { data: { email: { code: 'validation_values_mismatch' } } },
      });
      await run({
        name: 'change',
        as: 'carl',
        method: 'PATCH',
        url,
        body: { oldPassword: 'password-123', password: 'new-password-1', passwordConfirm: 'new-password-1' },
        status: 200,
      });
      await run({
        name: 'old token invalid',
        as: 'carl',
        method: 'POST',
        url: '/api/collections/users/auth-refresh',
        status: 401,
      });
      await run({
        name: 'login with new password',
        method: 'POST',
        url: '/api/collections/users/auth-with-password',
        body: { identity: 'carl@example.com', password: 'new-password-1' },
        status: 200,
      });
    });

    it('refuses to delete the only superuser', async () => {
      const list = await env.api('GET', '/api/collections/_superusers/records', undefined, 'su');
      assert.equal(list.json.items.length, 1);
      await run({
        name: 'last superuser',
        as: 'su',
        method: 'DELETE',
        url: `/api/collections/_superusers/records/${list.json.items[0].id}`,
        status: 400,
        expect: { message: "You can't delete the only existing superuser." },
      });
    });
  });
}
