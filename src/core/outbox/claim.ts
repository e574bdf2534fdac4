import { randomString } from '../../lib/random.js';
import { sql } from '../../store/sql.js';
import type { Store } from '../../store/store.js';
import { OUTBOX_TABLE } from './table.js';

/** A claimed outbox row. */
export interface OutboxItem {
  id: string;
  kind: string;
  payload: unknown;
  /** this attempt's number, from 1 */
  attempt: number;
  /** the claim token: completing the item requires it */
  claim: string;
}

const t = () => sql.id(OUTBOX_TABLE);
const c = (name: string) => sql.id(name);

/**
 * Claims up to `limit` due items for this worker until `now + leaseMs`: pending rows whose time
 * came, and rows another worker claimed but whose lease ran out (it stopped or crashed). One
 * UPDATE does it, with the due condition repeated outside the sub-select so that a concurrent
 * claimer that won the row makes it no longer match; where the database allows, the sub-select
 * also skips rows another claimer holds locked instead of waiting for them.
 */
export async function claimDue(store: Store, limit: number, leaseMs: number): Promise<OutboxItem[]> {
  const token = randomString(24);
  const now = Date.now();
  const due = sql`${c('status')} IN (${'pending'}, ${'sending'}) AND ${c('dueAt')} <= ${now}`;
  const lock = store.dialect.caps.skipLocked ? sql` FOR UPDATE SKIP LOCKED` : sql``;
  return store.transaction(async (tx) => {
    const res = await tx.run(
      sql`UPDATE ${t()} SET ${c('status')} = ${'sending'}, ${c('claim')} = ${token},
        ${c('attempts')} = ${c('attempts')} + 1, ${c('dueAt')} = ${now + leaseMs}, ${c('updated')} = ${now}
        WHERE ${c('id')} IN (SELECT ${c('id')} FROM ${t()} WHERE ${due} ORDER BY ${c('dueAt')} LIMIT ${limit}${lock})
        AND ${due}`,
    );
    if (res.changes === 0) return [];
    const rows = await tx.all<Record<string, unknown>>(
      sql`SELECT ${c('id')}, ${c('kind')}, ${c('payload')}, ${c('attempts')} FROM ${t()} WHERE ${c('claim')} = ${token}`,
    );
    return rows.map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      payload: JSON.parse(String(r.payload)) as unknown,
      attempt: Number(r.attempts),
      claim: token,
    }));
  });
}

/** Marks a claimed item sent; false when the claim was lost meanwhile (its lease ran out). */
export async function markSent(store: Store, item: OutboxItem): Promise<boolean> {
  const res = await store.run(
    sql`UPDATE ${t()} SET ${c('status')} = ${'sent'}, ${c('lastError')} = ${''}, ${c('updated')} = ${Date.now()}
      WHERE ${c('id')} = ${item.id} AND ${c('claim')} = ${item.claim}`,
  );
  return res.changes === 1;
}

/** Puts a claimed item back for another attempt at `retryAt`, or marks it failed when `retryAt` is null. */
export async function markFailed(store: Store, item: OutboxItem, error: string, retryAt: number | null): Promise<void> {
  const status = retryAt === null ? 'failed' : 'pending';
  await store.run(
    sql`UPDATE ${t()} SET ${c('status')} = ${status}, ${c('dueAt')} = ${retryAt ?? 0}, ${c('claim')} = ${''},
      ${c('lastError')} = ${error.slice(0, 2000)}, ${c('updated')} = ${Date.now()}
      WHERE ${c('id')} = ${item.id} AND ${c('claim')} = ${item.claim}`,
  );
}

/** The earliest time a pending or claimed item falls due, or null when the queue is idle. */
export async function nextDue(store: Store): Promise<number | null> {
  const row = await store.get<{ due: unknown }>(
    sql`SELECT MIN(${c('dueAt')}) AS ${c('due')} FROM ${t()} WHERE ${c('status')} IN (${'pending'}, ${'sending'})`,
  );
  return row?.due == null ? null : Number(row.due);
}

/** Deletes sent items last touched before `before` (ms); failed ones stay for inspection. */
export async function pruneSent(store: Store, before: number): Promise<number> {
  const res = await store.run(sql`DELETE FROM ${t()} WHERE ${c('status')} = ${'sent'} AND ${c('updated')} < ${before}`);
  return res.changes;
}
