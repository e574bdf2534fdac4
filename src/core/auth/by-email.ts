import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { findSingleColumnUniqueIndex } from '../collections/index-def.js';
import { findRecordByField } from '../records/lookup.js';
import type { RecordData } from '../request.js';

/** The auth record with this email; the match ignores case only when the email index is COLLATE NOCASE. */
export function findByEmail(app: App, collection: Collection, email: string): Promise<RecordData | null> {
  const index = findSingleColumnUniqueIndex(collection.indexes, 'email');
  const nocase = (index?.columns[0]?.collate ?? '').toLowerCase() === 'nocase';
  return findRecordByField(app.store, collection, 'email', email, nocase);
}
