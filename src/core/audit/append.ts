import { newRecordId } from '../../lib/random.js';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { AuditInput, AuditItem } from './entry.js';
import { entryHash, GENESIS_HASH, type HashedColumns } from './hash.js';
import { redactSecrets } from './redact.js';
import { AUDIT_HEAD_TABLE, AUDIT_LOCK, AUDIT_TABLE } from './table.js';

const HEAD_ID = 'head';

function dataText(input: AuditInput): string {
  const data: Record<string, unknown> = { ...(redactSecrets(input.data ?? {}) as Record<string, unknown>) };
  if (input.diff && Object.keys(input.diff).length > 0) data.diff = input.diff;
  try {
    return JSON.stringify(data);
  } catch (err) {
    return JSON.stringify({ serializeError: String(err) });
  }
}

/**
 * Appends one entry to the audit trail and resolves with it once committed. Appends run one at a
 * time across every instance on the database (an exclusive transaction around the head row), so
 * the chain stays a single line: each entry's hash covers the previous entry's hash.
 */
export async function audit(app: App, input: AuditInput): Promise<AuditItem> {
  const base = {
    id: newRecordId(),
    created: nowDate(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorEmail: input.actor.email,
    ip: input.ip ?? '',
    action: input.action,
    target: input.target ?? '',
    outcome: input.outcome,
    error: input.outcome === 'error' ? (input.error ?? '') : '',
    data: dataText(input),
  };
  return app.store.exclusiveTransaction(AUDIT_LOCK, async (tx) => {
    const head = await tx.get<{ seq: unknown; hash: unknown }>(
      sql`SELECT "seq", "hash" FROM ${sql.id(AUDIT_HEAD_TABLE)} WHERE "id" = ${HEAD_ID}`,
    );
    const prevHash = head ? String(head.hash) : GENESIS_HASH;
    const columns: HashedColumns = { seq: head ? Number(head.seq) + 1 : 1, ...base };
    const hash = entryHash(prevHash, columns);
    const c = columns;
    await tx.run(sql`INSERT INTO ${sql.id(AUDIT_TABLE)}
  ("seq", "id", "created", "actorType", "actorId", "actorEmail", "ip", "action", "target", "outcome", "error", "data", "prevHash", "hash")
  VALUES (${c.seq}, ${c.id}, ${c.created}, ${c.actorType}, ${c.actorId}, ${c.actorEmail}, ${c.ip}, ${c.action},
    ${c.target}, ${c.outcome}, ${c.error}, ${c.data}, ${prevHash}, ${hash})`);
    if (head) {
      await tx.run(
        sql`UPDATE ${sql.id(AUDIT_HEAD_TABLE)} SET "seq" = ${c.seq}, "hash" = ${hash} WHERE "id" = ${HEAD_ID}`,
      );
    } else {
      await tx.run(
        sql`INSERT INTO ${sql.id(AUDIT_HEAD_TABLE)} ("id", "seq", "hash") VALUES (${HEAD_ID}, ${c.seq}, ${hash})`,
      );
    }
    return { ...c, data: JSON.parse(c.data) as Record<string, unknown>, hash };
  });
}

/** Appends like `audit`, but never throws: a failure is logged (for actions whose outcome is already decided). */
export async function auditQuietly(app: App, input: AuditInput): Promise<void> {
  try {
    await audit(app, input);
  } catch (err) {
    app.log.error({ err, action: input.action }, 'could not append to the audit trail');
  }
}
