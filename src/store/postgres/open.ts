import { PostgresStore, type PostgresStoreOptions } from './store.js';

/**
 * Connects to PostgreSQL, checks the server version and creates the internal tables when missing. The
 * store carries the PostgreSQL bundle: dialect, filter compiler and schema migrator.
 */
export async function openPostgres(options: PostgresStoreOptions | string): Promise<PostgresStore> {
  const store = new PostgresStore(options);
  try {
    await store.init();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
