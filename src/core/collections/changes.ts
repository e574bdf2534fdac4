import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';

const COLLECTIONS_CHANNEL = 'basalt_collections';

/** A collection change under the schema lock; other instances hear of it once it commits. */
export function collectionsTransaction<T>(app: App, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return app.store.schemaTransaction(async (tx) => {
    const out = await fn(tx);
    await app.store.notify(COLLECTIONS_CHANNEL, '', tx);
    return out;
  });
}

/** Reloads the registry when another instance changed collections; bursts of changes coalesce. */
export function followCollectionChanges(app: App): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  let again = false;
  const reload = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = app
      .reloadCollections()
      .catch((err) => app.log.warn({ err }, 'could not reload collections after a change elsewhere'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          reload();
        }
      });
  };
  return app.store.onChange(COLLECTIONS_CHANNEL, (e) => {
    if (!e.self) reload();
  });
}
