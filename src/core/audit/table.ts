import type { Queryable } from '../../store/store.js';

/** The audit trail: one row per superuser or CLI action, chained by hash. Never pruned. */
export const AUDIT_TABLE = '_audit';

/** One row (id `head`) holding the last sequence number and hash: appends lock it, verification compares it. */
export const AUDIT_HEAD_TABLE = '_auditHead';

/** The key appends serialise on, across every instance sharing the database. */
export const AUDIT_LOCK = 'audit';

/** The same text runs on SQLite and PostgreSQL; `data` is JSON text. */
const AUDIT_DDL = [
  `CREATE TABLE IF NOT EXISTS "${AUDIT_TABLE}" (
  "seq" BIGINT PRIMARY KEY NOT NULL,
  "id" TEXT NOT NULL,
  "created" TEXT NOT NULL,
  "actorType" TEXT NOT NULL,
  "actorId" TEXT NOT NULL DEFAULT '',
  "actorEmail" TEXT NOT NULL DEFAULT '',
  "ip" TEXT NOT NULL DEFAULT '',
  "action" TEXT NOT NULL,
  "target" TEXT NOT NULL DEFAULT '',
  "outcome" TEXT NOT NULL,
  "error" TEXT NOT NULL DEFAULT '',
  "data" TEXT NOT NULL DEFAULT '{}',
  "prevHash" TEXT NOT NULL,
  "hash" TEXT NOT NULL
)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "idx_audit_id" ON "${AUDIT_TABLE}" ("id")`,
  `CREATE INDEX IF NOT EXISTS "idx_audit_created" ON "${AUDIT_TABLE}" ("created")`,
  `CREATE INDEX IF NOT EXISTS "idx_audit_action" ON "${AUDIT_TABLE}" ("action")`,
  `CREATE TABLE IF NOT EXISTS "${AUDIT_HEAD_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "seq" BIGINT NOT NULL,
  "hash" TEXT NOT NULL
)`,
];

/** The system migration that creates the audit tables. */
export async function createAuditTables(tx: Queryable): Promise<void> {
  for (const statement of AUDIT_DDL) await tx.exec(statement);
}
