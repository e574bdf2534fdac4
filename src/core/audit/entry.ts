import { hostname, userInfo } from 'node:os';
import type { Requester } from '../request.js';
import type { Diff } from './diff.js';

/** Who acted: a signed-in superuser, the command line on the server machine, or the server itself. */
export interface AuditActor {
  type: 'superuser' | 'cli' | 'system';
  /** the superuser's record id, or the operating-system user for the CLI */
  id: string;
  email: string;
}

export type AuditOutcome = 'success' | 'error' | 'pending';

/** What `audit()` appends. */
export interface AuditInput {
  actor: AuditActor;
  /** the client's IP ('' for the CLI and the server itself) */
  ip?: string;
  /** what was done: an operation tag such as `collections.delete`, `cli.superuser.upsert` */
  action: string;
  /** what it was done to: a collection name, `collection/recordId`, a backup key… */
  target?: string;
  outcome: AuditOutcome;
  /** the error message when the outcome is `error` */
  error?: string;
  /** the changes made, secrets already redacted (see diffValues) */
  diff?: Diff;
  /** anything else worth keeping (approval ids, flags); secret-named keys are redacted on append */
  data?: Record<string, unknown>;
}

/** An entry as the API serves it. */
export interface AuditItem {
  id: string;
  seq: number;
  created: string;
  actorType: string;
  actorId: string;
  actorEmail: string;
  ip: string;
  action: string;
  target: string;
  outcome: string;
  error: string;
  data: Record<string, unknown>;
  hash: string;
}

/** The actor of a signed-in superuser (the server itself when the requester has no record). */
export function actorOf(requester: Requester): AuditActor {
  const record = requester.record;
  if (!record) return { type: 'system', id: '', email: '' };
  return { type: 'superuser', id: String(record.id ?? ''), email: String(record.email ?? '') };
}

/** The command line on the server machine: the operating-system user and host name. */
export function cliActor(): AuditActor {
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry for this uid (containers): keep the uid
    user = String(process.getuid?.() ?? '');
  }
  return { type: 'cli', id: `${user}@${hostname()}`, email: '' };
}

export const SYSTEM_ACTOR: AuditActor = Object.freeze({ type: 'system', id: '', email: '' });

function parseData(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A stored row → the API's item. */
export function auditFromRow(row: Record<string, unknown>): AuditItem {
  const text = (k: string) => String(row[k] ?? '');
  return {
    id: text('id'),
    seq: Number(row.seq ?? 0),
    created: text('created'),
    actorType: text('actorType'),
    actorId: text('actorId'),
    actorEmail: text('actorEmail'),
    ip: text('ip'),
    action: text('action'),
    target: text('target'),
    outcome: text('outcome'),
    error: text('error'),
    data: parseData(row.data),
    hash: text('hash'),
  };
}
