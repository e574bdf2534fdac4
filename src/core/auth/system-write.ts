import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { updateRecord } from '../records/write.js';
import { type RecordData, requestInfo, SYSTEM } from '../request.js';

/** Updates an auth record on behalf of a confirmed flow: validation and record events apply, rules do not. */
export function flowUpdate(
  app: App,
  collection: Collection,
  id: string,
  data: Record<string, unknown>,
  db: Queryable = app.store,
): Promise<RecordData> {
  return updateRecord(app, collection, id, { data, files: [] }, requestInfo(SYSTEM), db);
}
