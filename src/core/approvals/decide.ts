import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { actorOf, auditQuietly } from '../audit/index.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors, isApiError } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import type { Requester } from '../request.js';
import { guardedAction } from './actions.js';
import { type ApprovalItem, approvalFromRow, storedPayload } from './entry.js';
import { APPROVALS_TABLE } from './table.js';

const table = sql.id(APPROVALS_TABLE);

/** Marks every pending approval past its time as expired (before reading or deciding any). */
export async function expireApprovals(app: App): Promise<void> {
  await app.store.run(
    sql`UPDATE ${table} SET "status" = 'expired' WHERE "status" = 'pending' AND "expires" < ${nowDate()}`,
  );
}

async function findRow(app: App, id: string): Promise<Record<string, unknown>> {
  const row = await app.store.get(sql`SELECT * FROM ${table} WHERE "id" = ${id}`);
  if (!row) throw Errors.notFound();
  return row;
}

/** One approval; 404 when there is none. */
export async function getApproval(app: App, id: string): Promise<ApprovalItem> {
  await expireApprovals(app);
  return approvalFromRow(await findRow(app, id));
}

/** Why `row` cannot be decided any more, as the API error; null while it is pending. */
function closed(row: Record<string, unknown>): Error | null {
  const status = String(row.status);
  if (status === 'expired') return Errors.approvalExpired();
  if (status !== 'pending') return Errors.approvalDecided();
  return null;
}

/**
 * Takes a pending approval for `decider` with one conditional UPDATE, so that of two superusers
 * deciding at once (on any instance) exactly one wins; the other gets the reason it is closed.
 */
async function claim(app: App, id: string, decider: Requester, status: 'running' | 'rejected'): Promise<void> {
  await expireApprovals(app);
  const row = await findRow(app, id);
  const refused = closed(row);
  if (refused) throw refused;
  const deciderId = String(decider.record?.id ?? '');
  if (status === 'running' && deciderId === String(row.requesterId)) throw Errors.approvalSelf();
  const now = nowDate();
  const { changes } = await app.store.run(sql`UPDATE ${table}
  SET "status" = ${status}, "decidedById" = ${deciderId}, "decidedByEmail" = ${String(decider.record?.email ?? '')},
    "decided" = ${now}
  WHERE "id" = ${id} AND "status" = 'pending' AND "expires" >= ${now}`);
  if (changes === 0) throw closed(await findRow(app, id)) ?? Errors.approvalDecided();
}

/** The requester, as they are now: the action runs with their rights, or not at all when they are gone. */
async function requesterOf(app: App, id: string): Promise<Requester | null> {
  const collection = app.collections.find(SUPERUSERS);
  if (!collection) return null;
  const record = await findRecordById(app.store, collection, id);
  return record ? { record, collection, isSuperuser: true } : null;
}

function errorResult(err: unknown): Record<string, unknown> {
  if (isApiError(err)) {
    return { ok: false, error: { kind: err.kind, message: err.message, data: err.data } };
  }
  return { ok: false, error: { kind: 'internal', message: 'The action failed.', data: {} } };
}

/**
 * A second superuser approves: the action runs at once, as the requester, and its result is stored
 * on the approval (`approved` with the result, or `failed` with the error). The requester cannot
 * approve their own request (403); an expired, decided or unknown one is a 400 or 404.
 */
export async function approveApproval(app: App, id: string, approver: Requester): Promise<ApprovalItem> {
  await claim(app, id, approver, 'running');
  const row = await findRow(app, id);
  const name = String(row.action);
  let result: Record<string, unknown>;
  const requester = await requesterOf(app, String(row.requesterId));
  try {
    if (!requester) throw Errors.notFound();
    const value = await guardedAction(name).run(app, storedPayload(row), { requester, ip: String(row.requesterIp) });
    result = value === undefined ? { ok: true } : { ok: true, value };
  } catch (err) {
    if (!isApiError(err)) app.log.error({ err, approval: id, action: name }, 'an approved action failed');
    result = errorResult(err);
    if (!requester) result.error = { kind: 'not_found', message: 'The requester no longer exists.', data: {} };
  }
  const status = result.ok ? 'approved' : 'failed';
  await app.store.run(
    sql`UPDATE ${table} SET "status" = ${status}, "result" = ${JSON.stringify(result)} WHERE "id" = ${id}`,
  );
  const error = result.ok ? undefined : String((result.error as { message?: unknown }).message ?? '');
  await auditQuietly(app, {
    actor: requester
      ? actorOf(requester)
      : { type: 'superuser', id: String(row.requesterId), email: String(row.requesterEmail) },
    ip: String(row.requesterIp),
    action: name,
    target: String(row.target),
    outcome: result.ok ? 'success' : 'error',
    error,
    data: {
      approval: {
        id,
        approvedById: String(approver.record?.id ?? ''),
        approvedByEmail: String(approver.record?.email ?? ''),
      },
    },
  });
  return approvalFromRow(await findRow(app, id));
}

/** A superuser rejects a pending approval (the requester may withdraw their own); nothing runs. */
export async function rejectApproval(app: App, id: string, decider: Requester): Promise<ApprovalItem> {
  await claim(app, id, decider, 'rejected');
  return approvalFromRow(await findRow(app, id));
}
