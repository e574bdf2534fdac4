/**
 * The two-person rule: while `twoPersonRule.enabled` is on, destructive superuser actions wait for a
 * second superuser's approval and then run as the requester.
 */
import './builtin.js';

export { type ActionContext, defineGuardedAction, type GuardedAction } from './actions.js';
export { approveApproval, expireApprovals, getApproval, rejectApproval } from './decide.js';
export { countSuperusers, twoPersonRuleErrors } from './enable-check.js';
export type { ApprovalItem, ApprovalStatus } from './entry.js';
export { type GuardOutcome, guardDestructive, twoPersonRuleApplies } from './guard.js';
export { listApprovals } from './list.js';
export { changesTwoPersonRule } from './settings-change.js';
export { APPROVALS_TABLE, createApprovalsTable } from './table.js';
