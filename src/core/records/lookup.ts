import type { Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import type { RecordData } from '../request.js';
import { rowToRecord } from './codec.js';

/** Loads one record by id, without rules. */
export async function findRecordById(db: Queryable, collection: Collection, id: string): Promise<RecordData | null> {
  const q = db.dialect.quote;
  const row = await db.get(
    `SELECT * FROM ${q(collection.name)} WHERE ${q('id')} = ${db.dialect.placeholder(1)} LIMIT 1`,
    [id],
  );
  return row ? rowToRecord(db.dialect, collection, row) : null;
}

/** Loads records by ids, without rules, in the order of `ids` (missing ones skipped). */
export async function findRecordsByIds(
  db: Queryable,
  collection: Collection,
  ids: readonly string[],
): Promise<RecordData[]> {
  if (ids.length === 0) return [];
  const q = db.dialect.quote;
  const unique = [...new Set(ids)];
  const out = new Map<string, RecordData>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const marks = chunk.map((_, j) => db.dialect.placeholder(j + 1)).join(', ');
    const rows = await db.all(`SELECT * FROM ${q(collection.name)} WHERE ${q('id')} IN (${marks})`, chunk);
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
  const q = db.dialect.quote;
  const ph = db.dialect.placeholder(1);
  const cond = caseInsensitive ? db.dialect.caseInsensitiveEquals(q(field), ph) : `${q(field)} = ${ph}`;
  const row = await db.get(`SELECT * FROM ${q(collection.name)} WHERE ${cond} LIMIT 1`, [value]);
  return row ? rowToRecord(db.dialect, collection, row) : null;
}
