import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { recordPrefix } from './keys.js';

const hasFiles = (c: Collection) => c.fields.some((f) => f.type === 'file');

/** Once `tx` commits, removes the files of deleted records (thumbnails included); collections without file fields cost nothing. */
export function removeRecordFilesAfterCommit(app: App, tx: Queryable, collection: Collection, ids: readonly string[]) {
  if (ids.length === 0 || !hasFiles(collection)) return;
  app.store.afterCommit(tx, () => {
    const blob = app.files.blob();
    app.files.background(`remove files of ${ids.length} ${collection.name} record(s)`, async () => {
      for (const id of ids) await blob.deletePrefix(recordPrefix(collection.id, id));
    });
  });
}

/** Once `tx` commits, removes every file of a collection (truncated or deleted). */
export function removeCollectionFilesAfterCommit(app: App, tx: Queryable, collectionId: string): void {
  app.store.afterCommit(tx, () => {
    const blob = app.files.blob();
    app.files.background(`remove files of collection ${collectionId}`, () => blob.deletePrefix(`${collectionId}/`));
  });
}
