import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import type { RecordData } from '../request.js';
import { rowToRecord } from './codec.js';

/** Loads one record by id, without rules. */
export async function findRecordById(db: Queryable, collection: Collection, id: string): Promise<RecordData | null> {
  const row = await db.get(sql`SELECT * FROM ${sql.id(collection.name)} WHERE ${sql.id('id')} = ${id} LIMIT 1`);
  return row ? rowToRecord(db.dialect, collection, row) : null;
}

/** Loads records by ids, without rules, in the order of `ids` (missing ones skipped). */
export async function findRecordsByIds(
  db: Queryable,
  collection: Collection,
  ids: readonly string[],
): Promise<RecordData[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const out = new Map<string, RecordData>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.all(
      sql`SELECT * FROM ${sql.id(collection.name)} WHERE ${sql.id('id')} IN (${sql.list(chunk)})`,
    );
    for (const row of rows) {
      const r = rowToRecord(db.dialect, collection, row);
      out.set(String(r.id), r);
    }
  }
  return ids.map((id) => out.get(id)).filter((r): r is RecordData => r !== undefined);
}

/**
 * Loads the record whose `field` equals `value`; `caseInsensitive` for NOCASE identity fields.
 * Used by sign-in to find a record by an identity field.
 */
export async function findRecordByField(
  db: Queryable,
  collection: Collection,
  field: string,
  value: unknown,
  caseInsensitive = false,
): Promise<RecordData | null> {
  const column = sql.id(field);
  const cond = caseInsensitive ? db.dialect.caseInsensitiveEquals(column, sql`${value}`) : sql`${column} = ${value}`;
  const row = await db.get(sql`SELECT * FROM ${sql.id(collection.name)} WHERE ${cond} LIMIT 1`);
  return row ? rowToRecord(db.dialect, collection, row) : null;
}
