import type { App } from '../app.js';
import { listTable } from '../audit/list.js';
import type { ListResult } from '../list-page.js';
import { expireApprovals } from './decide.js';
import { APPROVALS_COLLECTION, type ApprovalItem, approvalFromRow } from './entry.js';
import { APPROVALS_TABLE } from './table.js';

/** A page of approvals (newest first unless sorted), with the filter language: `status = "pending"`. */
export async function listApprovals(app: App, query: Record<string, string>): Promise<ListResult<ApprovalItem>> {
  await expireApprovals(app);
  return listTable(
    { app, table: APPROVALS_TABLE, fields: APPROVALS_COLLECTION, defaultSort: '-created', toItem: approvalFromRow },
    query,
  );
}
