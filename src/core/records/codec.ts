import type { Dialect } from '../../store/dialect.js';
import type { Row } from '../../store/store.js';
import type { Collection } from '../collection.js';
import type { StorageKind } from '../fields/field-type.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData } from '../request.js';

type Column = readonly [name: string, kind: StorageKind];

/** Column name and storage kind of every field, computed once per collection version. */
const columnsCache = new WeakMap<Collection, readonly Column[]>();

function columnsOf(collection: Collection): readonly Column[] {
  let cols = columnsCache.get(collection);
  if (!cols) {
    cols = collection.fields.map((f) => [f.name, getFieldType(f.type).storage(f)] as const);
    columnsCache.set(collection, cols);
  }
  return cols;
}

/** Database row → record app values, field by field. */
export function rowToRecord(dialect: Dialect, collection: Collection, row: Row): RecordData {
  const out: RecordData = {};
  for (const [name, kind] of columnsOf(collection)) out[name] = dialect.decode(kind, row[name]);
  return out;
}
