import { type IndexDef, parseIndex } from '../../lib/sql-index.js';
import type { UniqueViolation } from '../../store/store.js';
import type { Collection } from '../collection.js';

/** The questions the core asks of a collection's index statements (parsed by lib/sql-index.ts). */

/** The first UNIQUE index over exactly `column` (compared case-insensitively); partial indexes count. */
export function findSingleColumnUniqueIndex(indexes: readonly string[], column: string): IndexDef | undefined {
  const wanted = column.toLowerCase();
  for (const sql of indexes) {
    const def = parseIndex(sql);
    if (def?.unique && def.columns.length === 1 && def.columns[0]?.name.toLowerCase() === wanted) return def;
  }
  return undefined;
}

/** True when the collection has a single-column UNIQUE index on `fieldName`. */
export function hasSingleColumnUniqueIndex(collection: Collection, fieldName: string): boolean {
  return findSingleColumnUniqueIndex(collection.indexes, fieldName) !== undefined;
}

/**
 * Field names behind a unique violation: the columns the adapter reported, or the columns of the
 * named index (`index:<name>`), mapped to the collection's field names.
 */
export function uniqueViolationFields(collection: Collection, violation: UniqueViolation): string[] {
  const columns: string[] = [];
  for (const col of violation.columns) {
    if (col.startsWith('index:')) {
      const wanted = col.slice('index:'.length).toLowerCase();
      for (const sql of collection.indexes) {
        const def = parseIndex(sql);
        if (def && def.name.toLowerCase() === wanted) columns.push(...def.columns.map((c) => c.name));
      }
    } else {
      columns.push(col);
    }
  }
  const out: string[] = [];
  for (const col of columns) {
    const field = collection.fields.find((f) => f.name.toLowerCase() === col.toLowerCase());
    if (field && !out.includes(field.name)) out.push(field.name);
  }
  return out;
}
