import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { collectionTags } from '../events.js';

const unset = async (): Promise<void> => {};

/**
 * Fires the collection's after-success event once the change made on `db` has committed (at once
 * when `db` is the store): create when `original` is null, delete when `next` is null, else update.
 * Handlers cannot undo the change; an error they throw is logged.
 */
export function collectionChanged(app: App, db: Queryable, original: Collection | null, next: Collection | null): void {
  const hook =
    original === null
      ? app.events.onCollectionAfterCreateSuccess
      : next === null
        ? app.events.onCollectionAfterDeleteSuccess
        : app.events.onCollectionAfterUpdateSuccess;
  const collection = next ?? original;
  if (hook.length === 0 || !collection) return;
  app.store.afterCommit(db, () => {
    const e = { collection, original, next: unset };
    hook
      .trigger(e, undefined, collectionTags(collection))
      .catch((err) => app.log.error({ err, collection: collection.name }, 'collection change handler failed'));
  });
}
