import type { Dialect } from '../../store/dialect.js';
import type { Row } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData } from '../request.js';

/** Database row → record app values, field by field. */
export function rowToRecord(dialect: Dialect, collection: Collection, row: Row): RecordData {
  const out: RecordData = {};
  for (const f of collection.fields) {
    out[f.name] = dialect.decode(getFieldType(f.type).storage(f), row[f.name]);
  }
  return out;
}

/** Record app value of one field → database value. */
export function encodeValue(dialect: Dialect, collection: Collection, name: string, value: unknown): unknown {
  const f = collection.fields.find((x) => x.name === name);
  if (!f) return value;
  return dialect.encode(getFieldType(f.type).storage(f), value);
}
