import type { Queryable } from '../../store/store.js';

/** Destructive actions waiting for (or decided by) a second superuser. */
export const APPROVALS_TABLE = '_approvals';

/** The same text runs on SQLite and PostgreSQL; `payload` and `result` are JSON text, dates the API's text. */
const APPROVALS_DDL = [
  `CREATE TABLE IF NOT EXISTS "${APPROVALS_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT NOT NULL DEFAULT '',
  "payload" TEXT NOT NULL DEFAULT '{}',
  "status" TEXT NOT NULL,
  "requesterId" TEXT NOT NULL,
  "requesterEmail" TEXT NOT NULL DEFAULT '',
  "requesterIp" TEXT NOT NULL DEFAULT '',
  "created" TEXT NOT NULL,
  "expires" TEXT NOT NULL,
  "decidedById" TEXT NOT NULL DEFAULT '',
  "decidedByEmail" TEXT NOT NULL DEFAULT '',
  "decided" TEXT NOT NULL DEFAULT '',
  "result" TEXT NOT NULL DEFAULT '{}'
)`,
  `CREATE INDEX IF NOT EXISTS "idx_approvals_status_expires" ON "${APPROVALS_TABLE}" ("status", "expires")`,
  `CREATE INDEX IF NOT EXISTS "idx_approvals_created" ON "${APPROVALS_TABLE}" ("created")`,
];

/** The system migration that creates the approvals table. */
export async function createApprovalsTable(tx: Queryable): Promise<void> {
  for (const statement of APPROVALS_DDL) await tx.exec(statement);
}
