import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection, Field } from '../../src/core/collection.js';
import { collectionScaffolds, ensureSystemFields, newCollection } from '../../src/core/collections/scaffolds.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { existingTables } from './helpers.js';

const byName = (c: Collection, name: string): Field => {
  const f = c.fields.find((x) => x.name === name);
  assert.ok(f, `field ${name}`);
  return f;
};

describe('scaffolds', () => {
  it('base: only the id field', () => {
    const c = newCollection('base', 'posts');
    assert.equal(c.id, 'pbc_1125843985');
    assert.deepEqual(
      c.fields.map((f) => [f.id, f.name]),
      [['text3208210256', 'id']],
    );
    assert.deepEqual(byName(c, 'id'), {
      id: 'text3208210256',
      name: 'id',
      type: 'text',
      system: true,
      hidden: false,
      presentable: false,
      min: 15,
      max: 15,
      pattern: '^[a-z0-9]+$',
      autogeneratePattern: '[a-z0-9]{15}',
      required: true,
      primaryKey: true,
    });
    assert.deepEqual(c.indexes, []);
    assert.equal(c.auth, undefined);
  });

  it('auth: system fields, unique indexes and default options', () => {
    const c = newCollection('auth', 'members');
    assert.deepEqual(
      c.fields.map((f) => f.name),
      ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified'],
    );
    assert.ok(c.fields.every((f) => f.system));
    const password = byName(c, 'password');
    assert.equal(password.hidden, true);
    assert.equal(password.required, true);
    assert.equal(password.min, 8);
    const tokenKey = byName(c, 'tokenKey');
    assert.equal(tokenKey.id, 'text2504183744');
    assert.deepEqual([tokenKey.hidden, tokenKey.required, tokenKey.min, tokenKey.max], [true, true, 30, 60]);
    assert.equal(tokenKey.autogeneratePattern, '[a-zA-Z0-9]{50}');
    assert.equal(byName(c, 'email').required, true);
    assert.deepEqual(c.indexes, [
      `CREATE UNIQUE INDEX \`idx_tokenKey_${c.id}\` ON \`members\` (\`tokenKey\`)`,
      `CREATE UNIQUE INDEX \`idx_email_${c.id}\` ON \`members\` (\`email\`) WHERE \`email\` != ''`,
    ]);
    const o = c.auth;
    assert.ok(o);
    assert.equal(o.authRule, '');
    assert.equal(o.manageRule, null);
    assert.deepEqual(o.passwordAuth, { enabled: true, identityFields: ['email'] });
    assert.deepEqual(o.mfa, { enabled: false, duration: 1800, rule: '' });
    assert.equal(o.otp.duration, 180);
    assert.equal(o.otp.length, 8);
    assert.equal(o.authAlert.enabled, true);
    assert.deepEqual(o.oauth2.mappedFields, { id: '', name: '', username: '', avatarURL: '' });
    assert.deepEqual(
      [o.authToken, o.passwordResetToken, o.emailChangeToken, o.verificationToken, o.fileToken].map((t) => t.duration),
      [604800, 1800, 1800, 259200, 180],
    );
    for (const t of [o.authToken, o.passwordResetToken, o.emailChangeToken, o.verificationToken, o.fileToken]) {
      assert.match(t.secret, /^[A-Za-z0-9]{50}$/);
    }
    assert.notEqual(o.authToken.secret, o.fileToken.secret);
    assert.match(o.verificationTemplate.body, /\{TOKEN\}/);
    assert.match(o.resetPasswordTemplate.body, /\{APP_URL\}/);
    assert.match(o.confirmEmailChangeTemplate.subject, /\{APP_NAME\}/);
    assert.match(o.otp.emailTemplate.body, /\{OTP\}/);
    assert.match(o.authAlert.emailTemplate.body, /\{ALERT_INFO\}/);
  });

  it('view: no fields and an empty query', () => {
    const c = newCollection('view', 'stats');
    assert.deepEqual(c.fields, []);
    assert.equal(c.viewQuery, '');
  });

  it('API scaffolds have a blank id and name', () => {
    const s = collectionScaffolds();
    for (const c of Object.values(s)) {
      assert.equal(c.id, '');
      assert.equal(c.name, '');
    }
    assert.equal(s.auth.indexes.length, 2);
    assert.match(
      s.auth.indexes[0] as string,
      /^CREATE UNIQUE INDEX `idx_tokenKey_[A-Za-z0-9]{10}` ON `` \(`tokenKey`\)$/,
    );
  });

  it('re-inserts missing system fields and enforces their flags', () => {
    const c = newCollection('auth', 'members');
    c.fields = c.fields.filter((f) => f.name !== 'password' && f.name !== 'id');
    const tokenKey = byName(c, 'tokenKey');
    tokenKey.required = false;
    tokenKey.hidden = false;
    c.indexes = [];
    ensureSystemFields(c);
    assert.equal(c.fields[0]?.name, 'id');
    assert.ok(c.fields.some((f) => f.name === 'password' && f.type === 'password'));
    assert.equal(tokenKey.required, true);
    assert.equal(tokenKey.hidden, true);
    assert.equal(c.indexes.length, 2);
  });
});

for (const dialect of DIALECTS) {
  describe(`fresh install collections (${dialect})`, () => {
    let env: TestApp;
    before(async () => {
      env = await startApp({ dialect });
    });
    after(() => env?.close());

    const get = (name: string): Collection => {
      const c = env.app.collections.find(name);
      assert.ok(c, name);
      return c;
    };
    const names = (c: Collection) => c.fields.map((f) => f.name);

    it('has exactly the six system collections', () => {
      assert.deepEqual(
        env.app.collections
          .all()
          .map((c) => c.name)
          .sort(),
        ['_authOrigins', '_externalAuths', '_mfas', '_otps', '_superusers', 'users'],
      );
    });

    it('_superusers', () => {
      const c = get('_superusers');
      assert.equal(c.id, 'pbc_3142635823');
      assert.equal(c.type, 'auth');
      assert.equal(c.system, true);
      for (const rule of [c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule]) assert.equal(rule, null);
      assert.deepEqual(names(c), [
        'id',
        'password',
        'tokenKey',
        'email',
        'emailVisibility',
        'verified',
        'created',
        'updated',
      ]);
      assert.equal(byName(c, 'created').system, true);
      assert.equal(byName(c, 'updated').onUpdate, true);
      assert.equal(c.auth?.authToken.duration, 86400);
    });

    it('users', () => {
      const c = get('users');
      assert.equal(c.id, '_pb_users_auth_');
      assert.equal(c.system, false);
      assert.deepEqual(
        [c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule],
        ['id = @request.auth.id', 'id = @request.auth.id', '', 'id = @request.auth.id', 'id = @request.auth.id'],
      );
      assert.deepEqual(names(c), [
        'id',
        'password',
        'tokenKey',
        'email',
        'emailVisibility',
        'verified',
        'name',
        'avatar',
        'created',
        'updated',
      ]);
      assert.equal(byName(c, 'name').max, 255);
      const avatar = byName(c, 'avatar');
      assert.equal(avatar.type, 'file');
      assert.equal(avatar.maxSelect, 1);
      assert.deepEqual(avatar.mimeTypes, ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp']);
      assert.equal(byName(c, 'created').system, false);
      assert.equal(c.auth?.oauth2.mappedFields.name, 'name');
      assert.equal(c.auth?.oauth2.mappedFields.avatarURL, 'avatar');
      assert.equal(c.auth?.authToken.duration, 604800);
      assert.deepEqual(c.indexes, [
        'CREATE UNIQUE INDEX `idx_tokenKey__pb_users_auth_` ON `users` (`tokenKey`)',
        "CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''",
      ]);
    });

    it('_mfas, _otps, _externalAuths, _authOrigins', () => {
      const owner =
        "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";
      const expected: Record<string, { fields: string[]; del: boolean }> = {
        _mfas: { fields: ['id', 'collectionRef', 'recordRef', 'method', 'created', 'updated'], del: false },
        _otps: { fields: ['id', 'collectionRef', 'recordRef', 'password', 'sentTo', 'created', 'updated'], del: false },
        _externalAuths: {
          fields: ['id', 'collectionRef', 'recordRef', 'provider', 'providerId', 'created', 'updated'],
          del: true,
        },
        _authOrigins: { fields: ['id', 'collectionRef', 'recordRef', 'fingerprint', 'created', 'updated'], del: true },
      };
      for (const [name, want] of Object.entries(expected)) {
        const c = get(name);
        assert.equal(c.type, 'base', name);
        assert.equal(c.system, true, name);
        assert.deepEqual(names(c), want.fields, name);
        assert.ok(
          c.fields.every((f) => f.system),
          name,
        );
        assert.equal(c.listRule, owner, name);
        assert.equal(c.viewRule, owner, name);
        assert.equal(c.createRule, null, name);
        assert.equal(c.updateRule, null, name);
        assert.equal(c.deleteRule, want.del ? owner : null, name);
      }
      const otps = get('_otps');
      assert.equal(byName(otps, 'password').hidden, true);
      assert.equal(byName(otps, 'sentTo').hidden, true);
    });

    it('creates the tables and records the migration', async () => {
      const system = ['_authOrigins', '_externalAuths', '_mfas', '_otps', '_superusers', 'users'];
      assert.deepEqual(await existingTables(env.app, system), system);
      const applied = await env.app.store.all<{ file: string }>('SELECT file FROM _migrations');
      assert.deepEqual(applied.map((r) => r.file).sort(), [
        '1640988000_init_collections',
        '1764800000_outbox',
        '1764900000_webhook_deliveries',
        '1765000000_audit',
        '1765000001_approvals',
      ]);
    });
  });
}
