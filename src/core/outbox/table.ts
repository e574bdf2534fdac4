import type { Queryable } from '../../store/store.js';

/** The channel that tells every instance on the database that work was queued. */
export const OUTBOX_CHANNEL = 'outbox';

/** The durable queue of outgoing work (mail now, webhooks later): one row per item to deliver. */
export const OUTBOX_TABLE = '_outbox';

/**
 * Row states: `pending` (waiting for `dueAt`), `sending` (claimed by an instance until `dueAt`,
 * its lease end), `sent`, `failed` (gave up after the last attempt). Times are Unix milliseconds.
 * The same text runs on SQLite and PostgreSQL.
 */
const OUTBOX_DDL = [
  `CREATE TABLE IF NOT EXISTS "${OUTBOX_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "kind" TEXT NOT NULL,
  "payload" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "dueAt" BIGINT NOT NULL,
  "claim" TEXT NOT NULL DEFAULT '',
  "lastError" TEXT NOT NULL DEFAULT '',
  "created" BIGINT NOT NULL,
  "updated" BIGINT NOT NULL
)`,
  `CREATE INDEX IF NOT EXISTS "idx_outbox_status_dueAt" ON "${OUTBOX_TABLE}" ("status", "dueAt")`,
];

/** The system migration that creates the outbox table. */
export async function createOutboxTable(tx: Queryable): Promise<void> {
  for (const statement of OUTBOX_DDL) await tx.exec(statement);
}
