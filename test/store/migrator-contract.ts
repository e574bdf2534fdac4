import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ColumnSpec, IndexCreateError, type TableSpec } from '../../src/store/schema-spec.js';
import { type Store, UniqueViolation } from '../../src/store/store.js';
import type { StoreFactory } from './contract.js';

const col = (id: string, name: string, kind: ColumnSpec['kind'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  id,
  name,
  kind,
  primaryKey: false,
  zero: kind === 'text' ? '' : kind === 'number' ? 0 : kind === 'bool' ? false : null,
  multiple: false,
  ...extra,
});

const users = (): TableSpec => ({
  type: 'table',
  name: 'users',
  columns: [
    col('f_id', 'id', 'text', { primaryKey: true }),
    col('f_email', 'email', 'text'),
    col('f_age', 'age', 'number'),
    col('f_ok', 'verified', 'bool'),
    col('f_tag', 'tag', 'text'),
    col('f_meta', 'meta', 'json'),
  ],
  indexes: [
    "CREATE UNIQUE INDEX `idx_users_email` ON `users` (`email` COLLATE NOCASE) WHERE `email` != ''",
    'CREATE INDEX [idx_users_age] ON [users] ([age] DESC, tag)',
  ],
});

/** Schema moves every migrator must perform the same way; run once per dialect. */
export function migratorContract(label: string, open: StoreFactory): void {
  describe(`Migrator contract: ${label}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test('creates tables with SQLite-syntax indexes; COLLATE NOCASE stays case-insensitive', async () => {
      await store.transaction((tx) => tx.migrator.sync(tx, null, users()));
      const insert = (id: string, email: string) =>
        store.run('INSERT INTO "users" ("id", "email", "meta") VALUES (?, ?, ?)', [id, email, '{"z":1,"a":2}']);
      await insert('u1', 'Ann@Example.com');
      await insert('u2', '');
      await insert('u3', '');
      const err = await insert('u4', 'ann@example.COM').catch((e: unknown) => e);
      assert.ok(err instanceof UniqueViolation, String(err));
      assert.deepEqual(
        err.columns.map((c) => c.replace(/^index:idx_users_email$/, 'email')),
        ['email'],
      );
      const row = await store.get('SELECT "age", "verified", "meta" FROM "users" WHERE "id" = ?', ['u1']);
      assert.deepEqual(
        { ...row, verified: store.dialect.decode('bool', row?.verified) },
        { age: 0, verified: false, meta: '{"z":1,"a":2}' },
      );
    });

    test('introspection: tableExists and indexTable ignore case', async () => {
      const m = store.migrator;
      assert.equal(await m.tableExists(store, 'USERS'), true);
      assert.equal(await m.tableExists(store, 'nobody'), false);
      assert.equal(await m.indexTable(store, 'IDX_users_email'), 'users');
      assert.equal(await m.indexTable(store, 'idx_none'), null);
    });

    test('renames, drops, adds and converts columns keeping the data', async () => {
      await store.run('UPDATE "users" SET "tag" = ? WHERE "id" = ?', ['red', 'u1']);
      const next = users();
      next.name = 'members';
      next.columns = next.columns
        .filter((c) => c.id !== 'f_age')
        .map((c) => (c.id === 'f_tag' ? col('f_tag', 'tags', 'json', { multiple: true, zero: [] }) : c));
      next.columns.push(col('f_new', 'nickname', 'text'));
      next.indexes = [
        "CREATE UNIQUE INDEX `idx_members_email` ON `members` (`email` COLLATE NOCASE) WHERE `email` != ''",
      ];
      await store.transaction((tx) => tx.migrator.sync(tx, users(), next));
      const rows = await store.all('SELECT "id", "tags", "nickname" FROM "members" ORDER BY "id"');
      assert.deepEqual(rows, [
        { id: 'u1', tags: '["red"]', nickname: '' },
        { id: 'u2', tags: '[]', nickname: '' },
        { id: 'u3', tags: '[]', nickname: '' },
      ]);
      await store.run('UPDATE "members" SET "tags" = ? WHERE "id" = ?', ['["a","b"]', 'u2']);
      const back: TableSpec = {
        ...next,
        columns: next.columns.map((c) => (c.id === 'f_tag' ? col('f_tag', 'tags', 'text') : c)),
      };
      await store.transaction((tx) => tx.migrator.sync(tx, next, back));
      const singles = await store.all('SELECT "id", "tags" FROM "members" ORDER BY "id"');
      assert.deepEqual(singles, [
        { id: 'u1', tags: 'red' },
        { id: 'u2', tags: 'b' },
        { id: 'u3', tags: '' },
      ]);
    });

    test('a failing index is reported as IndexCreateError with its position', async () => {
      const spec = {
        ...users(),
        name: 'dupes',
        indexes: [
          'CREATE INDEX `idx_dupes_a` ON `dupes` (`age`)',
          'CREATE UNIQUE INDEX `idx_dupes_b` ON `dupes` (`nope`)',
        ],
      };
      const err = await store.transaction((tx) => tx.migrator.sync(tx, null, spec)).catch((e: unknown) => e);
      assert.ok(err instanceof IndexCreateError, String(err));
      assert.deepEqual(
        err.failures.map((f) => [f.position, f.indexName]),
        [[1, 'idx_dupes_b']],
      );
      assert.equal(await store.migrator.tableExists(store, 'dupes'), false);
    });

    test('views over a table survive renames and storage changes of its columns', async () => {
      const m = store.migrator;
      const base: TableSpec = {
        type: 'table',
        name: 'src',
        columns: [
          col('s_id', 'id', 'text', { primaryKey: true }),
          col('s_pick', 'pick', 'text'),
          col('s_n', 'n', 'number'),
        ],
        indexes: [],
      };
      await store.transaction((tx) => m.sync(tx, null, base));
      await store.run('INSERT INTO "src" ("id", "pick", "n") VALUES (?, ?, ?)', ['r1', 'x', 3]);
      await store.transaction((tx) =>
        m.sync(tx, null, { type: 'view', name: 'src_view', query: 'SELECT "id", "pick" FROM "src"' }),
      );
      const next: TableSpec = {
        ...base,
        columns: [
          col('s_id', 'id', 'text', { primaryKey: true }),
          col('s_pick', 'pick', 'json', { multiple: true, zero: [] }),
          col('s_n', 'total', 'number'),
        ],
      };
      await store.transaction((tx) => m.sync(tx, base, next));
      assert.deepEqual(await store.all('SELECT "id", "pick" FROM "src_view"'), [{ id: 'r1', pick: '["x"]' }]);
      assert.deepEqual(await store.all('SELECT "total" FROM "src"'), [{ total: 3 }]);
    });

    test('views: columns of a query, a bad query inside a savepoint, create and drop', async () => {
      const m = store.migrator;
      const query = 'SELECT "id", "email" AS "mail", 1 + 1 AS two FROM "members";';
      const cols = await store.transaction(async (tx) => {
        await assert.rejects(tx.transaction((sp) => m.viewColumns(sp, 'SELECT nope FROM nowhere')));
        return tx.transaction((sp) => m.viewColumns(sp, query));
      });
      assert.deepEqual(
        cols.map((c) => c.name),
        ['id', 'mail', 'two'],
      );
      await store.transaction((tx) => m.sync(tx, null, { type: 'view', name: 'member_mails', query }));
      assert.deepEqual(await store.get('SELECT "mail", "two" FROM "member_mails" WHERE "id" = ?', ['u1']), {
        mail: 'Ann@Example.com',
        two: 2,
      });
      await store.transaction((tx) => m.sync(tx, { type: 'view', name: 'member_mails', query }, null));
      assert.equal(await m.tableExists(store, 'member_mails'), false);
    });
  });
}
