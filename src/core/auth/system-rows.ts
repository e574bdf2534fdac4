import { newRecordId } from '../../lib/random.js';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';

/**
 * Rows of the auth system collections (`_otps`, `_mfas`, `_authOrigins`) written by the flows
 * themselves: short-lived bookkeeping that no user submits, so no record validation applies.
 */
export async function insertSystemRow(db: Queryable, table: string, values: Record<string, string>): Promise<string> {
  const now = nowDate();
  const row: Record<string, string> = { id: newRecordId(), ...values, created: now, updated: now };
  const names = Object.keys(row);
  await db.run(
    sql`INSERT INTO ${sql.id(table)} (${sql.join(names.map((n) => sql.id(n)))}) VALUES (${sql.list(names.map((n) => row[n]))})`,
  );
  return row.id as string;
}

export async function findSystemRow(db: Queryable, table: string, id: string): Promise<Record<string, unknown> | null> {
  const row = await db.get(sql`SELECT * FROM ${sql.id(table)} WHERE ${sql.id('id')} = ${id} LIMIT 1`);
  return row ?? null;
}

/** Deletes one row; true when this call deleted it (so a concurrent second use finds it gone). */
export async function deleteSystemRow(db: Queryable, table: string, id: string): Promise<boolean> {
  const res = await db.run(sql`DELETE FROM ${sql.id(table)} WHERE ${sql.id('id')} = ${id}`);
  return res.changes === 1;
}

/** Seconds since a stored `created` time ("2006-01-02 15:04:05.000Z"); Infinity when unreadable. */
export function ageSeconds(created: unknown): number {
  const t = Date.parse(String(created ?? '').replace(' ', 'T'));
  return Number.isFinite(t) ? (Date.now() - t) / 1000 : Number.POSITIVE_INFINITY;
}
