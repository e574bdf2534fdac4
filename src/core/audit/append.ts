import { newRecordId } from '../../lib/random.js';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { AuditInput, AuditItem } from './entry.js';
import { entryHash, GENESIS_HASH, type HashedColumns } from './hash.js';
import { redactSecrets } from './redact.js';
import { AUDIT_HEAD_TABLE, AUDIT_LOCK, AUDIT_TABLE } from './table.js';

const HEAD_ID = 'head';

/** An entry's columns before it has a place in the chain. */
type Unplaced = Omit<HashedColumns, 'seq'>;

interface Waiting {
  entry: Unplaced;
  resolve: (item: AuditItem) => void;
  reject: (err: unknown) => void;
}

function dataText(input: AuditInput): string {
  const data: Record<string, unknown> = { ...(redactSecrets(input.data ?? {}) as Record<string, unknown>) };
  if (input.diff && Object.keys(input.diff).length > 0) data.diff = input.diff;
  try {
    return JSON.stringify(data);
  } catch (err) {
    return JSON.stringify({ serializeError: String(err) });
  }
}

function unplaced(input: AuditInput): Unplaced {
  return {
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
}

/** Appends `entries` after the head, in order, inside `tx`; returns them as stored. */
async function appendAll(tx: Queryable, entries: readonly Unplaced[]): Promise<AuditItem[]> {
  const head = await tx.get<{ seq: unknown; hash: unknown }>(
    sql`SELECT "seq", "hash" FROM ${sql.id(AUDIT_HEAD_TABLE)} WHERE "id" = ${HEAD_ID}`,
  );
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head ? String(head.hash) : GENESIS_HASH;
  const out: AuditItem[] = [];
  for (const entry of entries) {
    const c: HashedColumns = { seq: ++seq, ...entry };
    const hash = entryHash(prevHash, c);
    await tx.run(sql`INSERT INTO ${sql.id(AUDIT_TABLE)}
  ("seq", "id", "created", "actorType", "actorId", "actorEmail", "ip", "action", "target", "outcome", "error", "data", "prevHash", "hash")
  VALUES (${c.seq}, ${c.id}, ${c.created}, ${c.actorType}, ${c.actorId}, ${c.actorEmail}, ${c.ip}, ${c.action},
    ${c.target}, ${c.outcome}, ${c.error}, ${c.data}, ${prevHash}, ${hash})`);
    out.push({ ...c, data: JSON.parse(c.data) as Record<string, unknown>, hash });
    prevHash = hash;
  }
  await tx.run(
    head
      ? sql`UPDATE ${sql.id(AUDIT_HEAD_TABLE)} SET "seq" = ${seq}, "hash" = ${prevHash} WHERE "id" = ${HEAD_ID}`
      : sql`INSERT INTO ${sql.id(AUDIT_HEAD_TABLE)} ("id", "seq", "hash") VALUES (${HEAD_ID}, ${seq}, ${prevHash})`,
  );
  return out;
}

/**
 * One instance's appends: entries queue here and are written by one transaction at a time, as many as
 * have queued meanwhile. So an instance holds at most one connection waiting for the chain's lock,
 * however many superuser actions finish at once, and a burst costs one commit.
 */
class Appender {
  private queue: Waiting[] = [];
  private running = false;

  constructor(private readonly app: App) {}

  add(entry: Unplaced): Promise<AuditItem> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const entries = batch.map((w) => w.entry);
        const items = await this.app.store.exclusiveTransaction(AUDIT_LOCK, (tx) => appendAll(tx, entries));
        for (const [i, w] of batch.entries()) w.resolve(items[i] as AuditItem);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.running = false;
  }
}

const appenders = new WeakMap<App, Appender>();

/**
 * Appends one entry to the audit trail and resolves with it once committed. Appends run one at a
 * time across every instance on the database (an exclusive transaction around the head row), so
 * the chain stays a single line: each entry's hash covers the previous entry's hash.
 */
export function audit(app: App, input: AuditInput): Promise<AuditItem> {
  let appender = appenders.get(app);
  if (!appender) {
    appender = new Appender(app);
    appenders.set(app, appender);
  }
  return appender.add(unplaced(input));
}

/** Appends like `audit`, but never throws: a failure is logged (for actions whose outcome is already decided). */
export async function auditQuietly(app: App, input: AuditInput): Promise<void> {
  try {
    await audit(app, input);
  } catch (err) {
    app.log.error({ err, action: input.action }, 'could not append to the audit trail');
  }
}
