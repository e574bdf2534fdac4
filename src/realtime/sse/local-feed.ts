import type { App } from '../../core/app.js';
import type { RecordModelEvent } from '../../core/events.js';
import type { RecordAction, RecordChange } from './record-fanout.js';

/**
 * Realtime on a database served by this process alone (SQLite): record events come from the
 * "after success" events, which fire once the outermost transaction committed (single writes,
 * batches, cascades and hook-made writes alike) and never for a rolled-back one.
 */
export function followLocalWrites(app: App, onRecord: (change: RecordChange) => void): () => Promise<void> {
  const on = (action: RecordAction) => (e: RecordModelEvent) => {
    onRecord({ action, collection: e.collection, record: e.record });
    return e.next();
  };
  const ids = [
    app.events.onRecordAfterCreateSuccess.bind(on('create')),
    app.events.onRecordAfterUpdateSuccess.bind(on('update')),
    app.events.onRecordAfterDeleteSuccess.bind(on('delete')),
  ];
  return async () => {
    app.events.onRecordAfterCreateSuccess.unbind(ids[0] as string);
    app.events.onRecordAfterUpdateSuccess.unbind(ids[1] as string);
    app.events.onRecordAfterDeleteSuccess.unbind(ids[2] as string);
  };
}
