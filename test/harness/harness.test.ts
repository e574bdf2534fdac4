import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createUser, DIALECTS, startApp, TEST_SUPERUSER, tempDir } from './index.js';

describe('test harness', () => {
  it('makes fresh world-writable temp directories', () => {
    const a = tempDir();
    const b = tempDir();
    assert.notEqual(a, b);
    assert.equal(statSync(a).mode & 0o777, 0o777);
  });

  it('lists only supported dialects', () => {
    assert.ok(DIALECTS.length > 0 || process.env.DIALECTS !== undefined);
    for (const d of DIALECTS) assert.ok(['sqlite', 'postgres'].includes(d));
  });

  for (const dialect of DIALECTS) {
    it(`starts an in-process app on a random port (${dialect})`, async () => {
      const t = await startApp({ dialect });
      try {
        assert.match(t.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const health = await fetch(`${t.url}/api/health`);
        assert.equal(health.status, 200);
        const token = await t.superuserToken();
        assert.equal(await t.superuserToken(), token);
        const auth = await fetch(`${t.url}/api/health`, { headers: { Authorization: token } });
        const body = (await auth.json()) as { data: Record<string, unknown> };
        assert.equal(body.data.canBackup, true, 'the token authenticates a superuser');
        const signIn = await fetch(`${t.url}/api/collections/_superusers/auth-with-password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identity: TEST_SUPERUSER.email, password: TEST_SUPERUSER.password }),
        });
        assert.equal(signIn.status, 200);
      } finally {
        await t.close();
      }
      assert.equal(existsSync(t.dir), false);
    });

    it(`creates auth records that can sign in (${dialect})`, async () => {
      const t = await startApp({ dialect });
      try {
        const user = await createUser(t, 'ann@example.com', { data: { name: 'Ann' } });
        const own = await fetch(`${t.url}/api/collections/users/records/${user.id}`, {
          headers: { Authorization: user.token },
        });
        assert.equal(own.status, 200);
        const body = (await own.json()) as Record<string, unknown>;
        assert.equal(body.email, 'ann@example.com');
        assert.equal(body.name, 'Ann');
        assert.equal(user.tokenKey.length, 50);
        const su = await createUser(t, 'su@example.com', { collection: '_superusers', password: 'other-pass-1' });
        const signIn = await fetch(`${t.url}/api/collections/_superusers/auth-with-password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ identity: su.email, password: 'other-pass-1' }),
        });
        assert.equal(signIn.status, 200);
      } finally {
        await t.close();
      }
    });
  }
});
