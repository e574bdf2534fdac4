import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { openStore } from '../../src/main.js';
import { PostgresCompiler } from '../../src/store/postgres/compiler.js';
import { postgresDialect } from '../../src/store/postgres/dialect.js';
import { PostgresMigrator } from '../../src/store/postgres/migrator.js';
import { SqliteCompiler } from '../../src/store/sqlite/compiler.js';
import { sqliteDialect } from '../../src/store/sqlite/dialect.js';
import { SqliteMigrator } from '../../src/store/sqlite/migrator.js';
import type { Queryable, Store } from '../../src/store/store.js';
import { DIALECTS, type Dialect, type DialectSetup, setupDialect } from '../harness/dialects.js';
import { removeDir, tempDir } from '../harness/temp.js';

/** What each database's store must carry: one bundle, never mixed with another database's parts. */
const BUNDLES = {
  sqlite: { dialect: sqliteDialect, compiler: SqliteCompiler, migrator: SqliteMigrator },
  postgres: { dialect: postgresDialect, compiler: PostgresCompiler, migrator: PostgresMigrator },
} satisfies Record<Dialect, unknown>;

function assertBundle(db: Queryable, name: Dialect): void {
  const bundle = BUNDLES[name];
  assert.equal(db.dialect, bundle.dialect);
  assert.ok(db.compiler instanceof bundle.compiler, `${name} compiler`);
  assert.equal(db.compiler.dialect, bundle.dialect);
  assert.ok(db.migrator instanceof bundle.migrator, `${name} migrator`);
}

for (const name of DIALECTS) {
  describe(`openStore picks the ${name} bundle`, () => {
    let setup: DialectSetup;
    let dir: string;
    let store: Store;
    before(async () => {
      setup = await setupDialect(name);
      dir = tempDir();
      store = await openStore(loadConfig({ ...setup.flags, dir, 'log-level': 'silent' }));
    });
    after(async () => {
      await store?.close();
      await setup?.cleanup();
      removeDir(dir);
    });

    test('the store carries its dialect, compiler and migrator', () => {
      assertBundle(store, name);
    });

    test('transactions and savepoints carry the same parts as the store', async () => {
      await store.transaction(async (tx) => {
        assertBundle(tx, name);
        assert.equal(tx.compiler, store.compiler);
        assert.equal(tx.migrator, store.migrator);
        await tx.transaction(async (sp) => {
          assert.equal(sp.compiler, store.compiler);
          assert.equal(sp.migrator, store.migrator);
        });
      });
    });

    test('the migrator reached through a transaction works on that transaction', async () => {
      const spec = {
        type: 'table' as const,
        name: 'bundle_probe',
        columns: [{ id: 'f_id', name: 'id', kind: 'text' as const, primaryKey: true, zero: '', multiple: false }],
        indexes: [],
      };
      await store.transaction((tx) => tx.migrator.sync(tx, null, spec));
      assert.equal(await store.migrator.tableExists(store, 'bundle_probe'), true);
      await store.transaction((tx) => tx.migrator.sync(tx, spec, null));
      assert.equal(await store.migrator.tableExists(store, 'bundle_probe'), false);
    });
  });
}
