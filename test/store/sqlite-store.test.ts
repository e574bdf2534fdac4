import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { type StoreFactory, storeContract } from './contract.js';
import { migratorContract } from './migrator-contract.js';

const openSqlite: StoreFactory = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'basalt-store-'));
  const store = new SqliteStore(join(dir, 'data.db'));
  await store.init();
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
};

storeContract('sqlite', openSqlite);
migratorContract('sqlite', openSqlite);
