import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCollection, updateCollection } from '../../src/core/collections/service.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { apiError, at, expectInvalid as expectInvalidError } from './helpers.js';

/** Asserts the validation error; resolves to nothing so it can be a test body. */
const expectInvalid = async (...args: Parameters<typeof expectInvalidError>): Promise<void> => {
  await expectInvalidError(...args);
};

const CREATE = 'Failed to create collection.';
const UPDATE = 'Failed to update collection.';

for (const dialect of DIALECTS) {
  describe(`collection validation (${dialect})`, () => {
    let env: TestApp;
    const create = (body: unknown) => createCollection(env.app, body);
    const update = (name: string, body: unknown) => updateCollection(env.app, name, body);

    before(async () => {
      env = await startApp({ dialect });
      await create({ name: 'posts', fields: [{ name: 'title', type: 'text' }] });
    });
    after(() => env?.close());

    describe('name', () => {
      it('is required', () => expectInvalid(create({ name: '' }), 'name', 'validation_required', CREATE));
      it('is at most 255 characters', () =>
        expectInvalid(create({ name: 'a'.repeat(256) }), 'name', 'validation_length_out_of_range'));
      it('must not contain _via_', () => expectInvalid(create({ name: 'a_via_b' }), 'name', 'validation_found_via'));
      it('must match ^\\w+$', () => expectInvalid(create({ name: 'a-b' }), 'name', 'validation_match_invalid'));
      it('is unique case-insensitively', () =>
        expectInvalid(create({ name: 'POSTS' }), 'name', 'validation_collection_name_exists'));
      it('must not equal an existing collection id', () =>
        expectInvalid(create({ name: '_pb_users_auth_' }), 'name', 'validation_collection_name_id_duplicate'));
      it('must not clash with an internal table', () =>
        expectInvalid(create({ name: '_params' }), 'name', 'validation_collection_name_invalid'));
      it('cannot change on a system collection', () =>
        expectInvalid(
          update('_superusers', { name: 'admins' }),
          'name',
          'validation_collection_system_name_change',
          UPDATE,
        ));
    });

    describe('id, type and system', () => {
      it('checks a client id', async () => {
        await expectInvalid(create({ id: 'a b', name: 'x1' }), 'id', 'validation_match_invalid');
        await expectInvalid(create({ id: 'x'.repeat(101), name: 'x1' }), 'id', 'validation_length_out_of_range');
        await expectInvalid(create({ id: '_pb_users_auth_', name: 'x1' }), 'id', 'validation_invalid_or_existing_id');
      });
      it('never changes', () => expectInvalid(update('posts', { id: 'other' }), 'id', 'validation_values_mismatch'));
      it('type must be known and immutable', async () => {
        await expectInvalid(create({ name: 'x2', type: 'table' }), 'type', 'validation_in_invalid');
        await expectInvalid(update('posts', { type: 'auth' }), 'type', 'validation_collection_type_change');
      });
      it('system is immutable', async () => {
        await expectInvalid(update('posts', { system: true }), 'system', 'validation_collection_system_flag_change');
        await expectInvalid(update('_mfas', { system: false }), 'system', 'validation_collection_system_flag_change');
      });
    });

    describe('fields', () => {
      it('rejects duplicated names case-insensitively', () =>
        expectInvalid(
          create({
            name: 'x3',
            fields: [
              { name: 'a', type: 'text' },
              { name: 'A', type: 'number' },
            ],
          }),
          'fields.2.name',
          'validation_duplicated_field_name',
        ));
      it('rejects reserved and malformed names', async () => {
        for (const name of ['null', 'true', 'false', '_rowid_', 'collectionId', 'collectionName', 'expand']) {
          await expectInvalid(
            create({ name: 'x4', fields: [{ name, type: 'text' }] }),
            'fields.1.name',
            'validation_not_in_invalid',
          );
        }
        await expectInvalid(
          create({ name: 'x4', fields: [{ name: 'a_via_b', type: 'text' }] }),
          'fields.1.name',
          'validation_found_via',
        );
        await expectInvalid(
          create({ name: 'x4', fields: [{ name: 'a b', type: 'text' }] }),
          'fields.1.name',
          'validation_match_invalid',
        );
        await expectInvalid(
          create({ name: 'x4', fields: [{ name: '', type: 'text' }] }),
          'fields.1.name',
          'validation_required',
        );
        await expectInvalid(
          create({ name: 'x4', fields: [{ name: 'n'.repeat(101), type: 'text' }] }),
          'fields.1.name',
          'validation_length_out_of_range',
        );
      });
      it('reserves passwordConfirm and oldPassword on auth collections', async () => {
        await expectInvalid(
          create({ name: 'x5', type: 'auth', fields: [{ name: 'passwordConfirm', type: 'text' }] }),
          'fields.1.name',
          'validation_reserved_field_name',
        );
        await create({ name: 'x5b', fields: [{ name: 'oldPassword', type: 'text' }] });
      });
      it('validates each field options, nested by index', () =>
        expectInvalid(
          create({ name: 'x6', fields: [{ name: 's', type: 'select' }] }),
          'fields.1.values',
          'validation_required',
        ));
      it('keeps a field type per id', async () => {
        const posts = env.app.collections.find('posts');
        const title = posts?.fields.find((f) => f.name === 'title');
        await expectInvalid(
          update('posts', { fields: [{ id: title?.id, name: 'title', type: 'number' }] }),
          'fields.1',
          'validation_field_type_change',
        );
      });
      it('protects system fields from removal', () =>
        expectInvalid(
          update('_mfas', { fields: [{ name: 'method', type: 'text', system: true }] }),
          'fields',
          'validation_system_field_change',
        ));
      it('protects system fields from renaming', async () => {
        const mfas = env.app.collections.find('_mfas');
        const fields = mfas?.fields.map((f) => (f.name === 'method' ? { ...f, name: 'how' } : f));
        await expectInvalid(update('_mfas', { fields }), 'fields', 'validation_system_field_change');
      });
    });

    describe('rules', () => {
      it('must parse', async () => {
        const err = await expectInvalidError(
          create({ name: 'r1', listRule: 'title =' }),
          'listRule',
          'validation_invalid_rule',
        );
        assert.match((at(err.data, 'listRule') as { message: string }).message, /^Invalid rule\. Raw error: /);
        await expectInvalid(create({ name: 'r1', deleteRule: '   ' }), 'deleteRule', 'validation_invalid_rule');
      });
      it('accept null and the empty string', async () => {
        const c = await create({
          name: 'r2',
          fields: [{ name: 'title', type: 'text' }],
          listRule: '',
          viewRule: null,
          createRule: "title != ''",
        });
        assert.deepEqual([c.listRule, c.viewRule, c.createRule], ['', null, "title != ''"]);
      });
      it('cannot change on system collections', () =>
        expectInvalid(update('_otps', { listRule: '' }), 'listRule', 'validation_collection_system_rule_change'));
      it('must be null for view writes', async () => {
        const body = { name: 'v0', type: 'view', viewQuery: 'SELECT id FROM posts' };
        for (const rule of ['createRule', 'updateRule', 'deleteRule']) {
          await expectInvalid(create({ ...body, [rule]: '' }), rule, 'validation_nil');
        }
      });
    });

    describe('indexes', () => {
      it('must be CREATE INDEX statements', () =>
        expectInvalid(
          create({ name: 'i1', indexes: ['CREATE TABLE x (a)'] }),
          'indexes.0',
          'validation_invalid_index_expression',
        ));
      it('have unique names within the collection', () =>
        expectInvalid(
          create({
            name: 'i1',
            fields: [{ name: 'a', type: 'text' }],
            indexes: ['CREATE INDEX idx_a ON i1 (id)', 'CREATE INDEX IDX_A ON i1 (a)'],
          }),
          'indexes.1',
          'validation_duplicated_index_name',
        ));
      it('have names unused by other collections', async () => {
        await update('posts', { indexes: ['CREATE INDEX idx_posts_title ON posts (title)'] });
        await expectInvalid(
          create({
            name: 'i2',
            fields: [{ name: 'title', type: 'text' }],
            indexes: ['CREATE INDEX idx_posts_title ON i2 (title)'],
          }),
          'indexes.0',
          'validation_existing_index_name',
        );
      });
      it('have no duplicate definitions', () =>
        expectInvalid(
          create({
            name: 'i3',
            fields: [{ name: 'a', type: 'text' }],
            indexes: ['CREATE INDEX idx_1 ON i3 (a)', 'CREATE INDEX `idx_2` ON `i3` (`a`)'],
          }),
          'indexes.1',
          'validation_duplicated_index_definition',
        ));
      it('keep the unique indexes of system fields', () =>
        expectInvalid(
          update('_externalAuths', { indexes: [] }),
          'indexes',
          'validation_invalid_unique_system_field_index',
        ));
      it('are not allowed on views', () =>
        expectInvalid(
          create({
            name: 'v1',
            type: 'view',
            viewQuery: 'SELECT id FROM posts',
            indexes: ['CREATE INDEX idx_v ON v1 (id)'],
          }),
          'indexes',
          'validation_indexes_not_supported',
        ));
    });

    describe('viewQuery', () => {
      const view = (viewQuery: string) => create({ name: 'v2', type: 'view', viewQuery });
      it('is required', () => expectInvalid(view(''), 'viewQuery', 'validation_required'));
      it('must select an id column', () =>
        expectInvalid(view('SELECT title FROM posts'), 'viewQuery', 'validation_invalid_view_query'));
      it('must not use *', async () => {
        await expectInvalid(view('SELECT * FROM posts'), 'viewQuery', 'validation_invalid_view_query');
        await expectInvalid(view('SELECT p.* FROM posts p'), 'viewQuery', 'validation_invalid_view_query');
      });
      it('must be a single SELECT', async () => {
        await expectInvalid(
          view('SELECT id FROM posts; DELETE FROM posts'),
          'viewQuery',
          'validation_invalid_view_query',
        );
        await expectInvalid(view('DELETE FROM posts'), 'viewQuery', 'validation_invalid_view_query');
      });
      it('must run', () =>
        expectInvalid(view('SELECT id FROM missing_table'), 'viewQuery', 'validation_invalid_view_query'));
    });

    describe('auth options', () => {
      const auth = (extra: Record<string, unknown>) => create({ name: 'a1', type: 'auth', ...extra });
      it('token secrets and durations', async () => {
        await expectInvalid(
          auth({ authToken: { secret: 'short' } }),
          'authToken.secret',
          'validation_length_out_of_range',
        );
        await expectInvalid(
          auth({ fileToken: { duration: 5 } }),
          'fileToken.duration',
          'validation_min_greater_equal_than_required',
        );
        await expectInvalid(
          auth({ verificationToken: { duration: 94670857 } }),
          'verificationToken.duration',
          'validation_max_less_equal_than_required',
        );
      });
      it('otp and mfa ranges', async () => {
        await expectInvalid(
          auth({ otp: { enabled: true, length: 3 } }),
          'otp.length',
          'validation_min_greater_equal_than_required',
        );
        await expectInvalid(
          auth({ otp: { enabled: true, duration: 86401 } }),
          'otp.duration',
          'validation_max_less_equal_than_required',
        );
        await expectInvalid(
          auth({ mfa: { enabled: true, duration: 9 } }),
          'mfa.duration',
          'validation_min_greater_equal_than_required',
        );
      });
      it('mfa needs two auth methods', async () => {
        await expectInvalid(auth({ mfa: { enabled: true } }), 'mfa.enabled', 'validation_mfa_not_enough_auths');
        await auth({ name: 'a1ok', mfa: { enabled: true }, otp: { enabled: true } });
      });
      it('manageRule is null or non-empty', () =>
        expectInvalid(auth({ manageRule: '' }), 'manageRule', 'validation_nil_or_not_empty_required'));
      it('rules must parse', () =>
        expectInvalid(auth({ authRule: 'verified =' }), 'authRule', 'validation_invalid_rule'));
      it('identity fields exist with a unique index', async () => {
        await expectInvalid(
          auth({ passwordAuth: { enabled: true, identityFields: ['nope'] } }),
          'passwordAuth.identityFields',
          'validation_missing_field',
        );
        await expectInvalid(
          auth({ fields: [{ name: 'username', type: 'text' }], passwordAuth: { identityFields: ['username'] } }),
          'passwordAuth.identityFields',
          'validation_missing_unique_constraint',
        );
        await expectInvalid(
          auth({ passwordAuth: { enabled: true, identityFields: [] } }),
          'passwordAuth.identityFields',
          'validation_required',
        );
      });
      it('templates need subject and body', async () => {
        await expectInvalid(
          auth({ verificationTemplate: { subject: '' } }),
          'verificationTemplate.subject',
          'validation_required',
        );
        await expectInvalid(
          auth({ otp: { emailTemplate: { body: '' } } }),
          'otp.emailTemplate.body',
          'validation_required',
        );
      });
      it('enabled oauth2 providers need their credentials', () =>
        expectInvalid(
          auth({ oauth2: { enabled: true, providers: [{ name: 'google', clientSecret: 's' }] } }),
          'oauth2.providers.0.clientId',
          'validation_required',
        ));
    });

    it('rejects bodies of the wrong shape as 400 without data', async () => {
      const err = await apiError(create({ name: 5 }));
      assert.equal(err.kind, 'invalid');
      assert.deepEqual(err.data, {});
      await apiError(create({ name: 'x', fields: [{ name: 'a', type: 'nope' }] }));
      await apiError(create([1, 2]));
    });
  });
}
