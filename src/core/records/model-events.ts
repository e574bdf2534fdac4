import { inCallerScope } from '../../lib/async-scope.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { collectionTags, type RecordModelEvent } from '../events.js';
import type { RecordData, RequestInfo } from '../request.js';

export type WriteKind = 'create' | 'update' | 'delete';

const HOOKS = {
  create: ['onRecordCreate', 'onRecordAfterCreateSuccess'],
  update: ['onRecordUpdate', 'onRecordAfterUpdateSuccess'],
  delete: ['onRecordDelete', 'onRecordAfterDeleteSuccess'],
} as const;

const unset = async (): Promise<void> => {};

/**
 * Runs one record write (`action`, inside the transaction `db`) as the last link of its model
 * event, and schedules the "after success" event for when the outermost transaction commits.
 * Returns the record as the chain left it.
 */
export async function writeWithEvents(
  app: App,
  kind: WriteKind,
  db: Queryable,
  collection: Collection,
  record: RecordData,
  original: RecordData | null,
  info: RequestInfo,
  action: (e: RecordModelEvent) => Promise<void>,
): Promise<RecordData> {
  const [during, after] = HOOKS[kind];
  const tags = collectionTags(collection);
  const event: RecordModelEvent = { collection, record, original, db, info, next: unset };
  await app.events[during].trigger(event, action, tags);
  const hook = app.events[after];
  if (hook.length > 0) {
    const done: RecordModelEvent = { collection, record: event.record, original, db: app.store, info, next: unset };
    // run in the writer's async context, not the one the store happens to commit from (SQLite's group
    // commit runs it from another transaction's): tracing or logging context in user code stays with the write
    app.store.afterCommit(
      db,
      inCallerScope(() => {
        hook
          .trigger(done, undefined, tags)
          .catch((err) => app.log.error({ err, collection: collection.name }, `${after} handler failed`));
      }),
    );
  }
  return event.record;
}
