/** The audit trail: superuser and CLI actions, chained by hash, kept apart from the request logs. */
export { audit, auditQuietly } from './append.js';
export { type Change, type Diff, diffValues } from './diff.js';
export {
  type AuditActor,
  type AuditInput,
  type AuditItem,
  type AuditOutcome,
  actorOf,
  cliActor,
  SYSTEM_ACTOR,
} from './entry.js';
export { getAudit, listAudit, listTable, type TableList } from './list.js';
export { REDACTED, redactSecrets } from './redact.js';
export { AUDIT_HEAD_TABLE, AUDIT_TABLE, createAuditTables } from './table.js';
export { type BrokenEntry, type VerifyResult, verifyAudit } from './verify.js';
