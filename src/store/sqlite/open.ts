import { SqliteStore, type SqliteStoreOptions } from './store.js';

/**
 * Opens the SQLite database in `file` (created when missing) with the internal tables in place. The
 * store carries the SQLite bundle: dialect, filter compiler and schema migrator.
 */
export async function openSqlite(file: string, opts: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const store = new SqliteStore(file, opts);
  try {
    await store.init();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
