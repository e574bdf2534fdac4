import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { storeContract } from './contract.js';

storeContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'basalt-store-'));
  const store = new SqliteStore(join(dir, 'data.db'));
  await store.init();
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}, {
  todo: {
    'afterCommit callbacks of a rolled-back savepoint are dropped':
      'SqliteStore keeps callbacks registered inside a savepoint that rolled back',
  },
});
