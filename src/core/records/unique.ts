import type { UniqueViolation } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { type ErrorData, V } from '../errors.js';

/** Columns listed in a CREATE INDEX statement with the given name. */
function indexColumns(collection: Collection, indexName: string): string[] {
  const unquote = (s: string) => s.trim().replace(/^[`"[]|[`"\]]$/g, '');
  for (const sql of collection.indexes) {
    const m = /INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"[]?[\w]+[`"\]]?)\s+ON\s+[^(]+\(([^)]*)\)/i.exec(sql);
    if (!m || unquote(m[1] as string) !== indexName) continue;
    return (m[2] as string).split(',').map((c) => unquote(c.trim().split(/\s+/)[0] ?? ''));
  }
  return [];
}

/** A unique-constraint failure → `validation_not_unique` on each field involved. */
export function uniqueViolationErrors(collection: Collection, err: UniqueViolation): ErrorData {
  const data: ErrorData = {};
  const columns = err.columns.flatMap((c) => (c.startsWith('index:') ? indexColumns(collection, c.slice(6)) : [c]));
  for (const col of columns) {
    const f = collection.fields.find((x) => x.name.toLowerCase() === col.toLowerCase());
    if (f) data[f.name] = V.notUnique();
  }
  if (Object.keys(data).length === 0) data.id = V.notUnique();
  return data;
}
