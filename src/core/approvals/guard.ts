import { newRecordId } from '../../lib/random.js';
import { formatDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Requester } from '../request.js';
import { type ActionContext, guardedAction } from './actions.js';
import { type ApprovalItem, approvalFromRow } from './entry.js';
import { APPROVALS_TABLE } from './table.js';

/** What a guarded request came to: it ran (the rule is off, or it destroys nothing), or it waits for approval. */
export type GuardOutcome = { status: 'done'; result: unknown } | { status: 'pending'; approval: ApprovalItem };

/**
 * True when `requester`'s destructive actions wait for a second superuser: the rule is on and the
 * requester is a signed-in superuser. The server itself and the CLI (no record) are never held back.
 */
export function twoPersonRuleApplies(app: App, requester: Requester): boolean {
  return app.settings.get().twoPersonRule.enabled && requester.isSuperuser && requester.record !== null;
}

/**
 * The one seam destructive operations go through. Checks the request (`check` of the action), then
 * runs it at once when the two-person rule does not apply, or else stores a pending approval that
 * another superuser must approve within `twoPersonRule.approvalTimeout` seconds.
 */
export async function guardDestructive(
  app: App,
  ctx: ActionContext,
  name: string,
  payload: Record<string, unknown>,
): Promise<GuardOutcome> {
  const action = guardedAction(name);
  await action.check?.(app, payload, ctx);
  if (!twoPersonRuleApplies(app, ctx.requester) || action.destructive?.(app, payload) === false) {
    return { status: 'done', result: await action.run(app, payload, ctx) };
  }
  return { status: 'pending', approval: await openApproval(app, ctx, name, action.target(payload), payload) };
}

async function openApproval(
  app: App,
  ctx: ActionContext,
  name: string,
  target: string,
  payload: Record<string, unknown>,
): Promise<ApprovalItem> {
  const now = Date.now();
  const record = ctx.requester.record ?? {};
  const row = {
    id: newRecordId(),
    action: name,
    target,
    payload: JSON.stringify(payload),
    status: 'pending',
    requesterId: String(record.id ?? ''),
    requesterEmail: String(record.email ?? ''),
    requesterIp: ctx.ip,
    created: formatDate(new Date(now)),
    expires: formatDate(new Date(now + app.settings.get().twoPersonRule.approvalTimeout * 1000)),
  };
  await app.store.run(sql`INSERT INTO ${sql.id(APPROVALS_TABLE)}
  ("id", "action", "target", "payload", "status", "requesterId", "requesterEmail", "requesterIp", "created", "expires")
  VALUES (${row.id}, ${row.action}, ${row.target}, ${row.payload}, ${row.status}, ${row.requesterId},
    ${row.requesterEmail}, ${row.requesterIp}, ${row.created}, ${row.expires})`);
  return approvalFromRow(row);
}
