import { coalesced } from '../../lib/coalesce.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';

const COLLECTIONS_CHANNEL = 'basalt_collections';

/**
 * A collection change under the schema lock; other instances hear of it once it commits. Inside a
 * caller's transaction (`db`) it runs in a savepoint of it: a caller composing schema changes
 * should open that transaction with `store.schemaTransaction` to hold the lock.
 */
export function collectionsTransaction<T>(
  app: App,
  fn: (tx: Queryable) => Promise<T>,
  db: Queryable = app.store,
): Promise<T> {
  const body = async (tx: Queryable) => {
    const out = await fn(tx);
    await app.store.notify(COLLECTIONS_CHANNEL, '', tx);
    return out;
  };
  return db.inTransaction ? db.transaction(body) : app.store.schemaTransaction(body);
}

/**
 * Reloads the registry once a change made on `db` is committed: at once when `db` is the store,
 * after the caller's outermost commit when it is a transaction (never for a rolled-back one).
 */
export async function reloadAfterCommit(app: App, db: Queryable): Promise<void> {
  if (!db.inTransaction) {
    await app.reloadCollections();
    return;
  }
  app.store.afterCommit(db, () => {
    app.reloadCollections().catch((err) => app.log.error({ err }, 'could not reload collections after a commit'));
  });
}

/** Reloads the registry when another instance changed collections; bursts of changes coalesce. */
export function followCollectionChanges(app: App): Promise<() => Promise<void>> {
  const reload = coalesced(
    () => app.reloadCollections(),
    (err) => app.log.warn({ err }, 'could not reload collections after a change elsewhere'),
  );
  return app.store.onChange(COLLECTIONS_CHANNEL, (e) => {
    if (!e.self) reload();
  });
}
