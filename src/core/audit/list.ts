import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { type ListResult, queryPage } from '../list-page.js';
import { parsePaging } from '../list-params.js';
import { compileLogFilter, compileLogSort, LogFilterError } from '../logs/filter.js';
import { MAIN } from '../rules-sql/condition.js';
import { AUDIT_COLLECTION } from './collection.js';
import { type AuditItem, auditFromRow } from './entry.js';
import { AUDIT_TABLE } from './table.js';

/** `@rowid` (insertion order, as for logs) is the sequence number here. */
function sortText(text: string | undefined, fallback: string): string {
  if (!text?.trim()) return fallback;
  return text
    .split(',')
    .map((item) => item.trim().replace(/^([-+]?)@rowid$/, '$1seq'))
    .join(',');
}

export interface TableList<T> {
  app: App;
  table: string;
  /** the table's fields for the filter language */
  fields: Collection;
  defaultSort: string;
  toItem: (row: Record<string, unknown>) => T;
}

/**
 * A page of an internal table with the paging, `sort` and `filter` parameters of the logs API. A
 * filter or sort that does not compile is a 400.
 */
export async function listTable<T>(spec: TableList<T>, query: Record<string, string>): Promise<ListResult<T>> {
  const { app, fields } = spec;
  const paging = parsePaging(query);
  let filter = null;
  let sort = null;
  try {
    filter = query.filter?.trim() ? compileLogFilter(app, query.filter, fields) : null;
    sort = compileLogSort(app, sortText(query.sort, spec.defaultSort), fields);
  } catch (err) {
    if (err instanceof LogFilterError) throw Errors.badRequest();
    throw err;
  }
  const columns = sql.join(fields.fields.map((f) => sql.id(MAIN, f.name)));
  const from = sql`FROM ${sql.id(spec.table)} AS ${sql.id(MAIN)}${filter ? sql` WHERE ${filter}` : sql.empty}`;
  const order = sort.sql ? sql` ORDER BY ${sort}` : sql.empty;
  return queryPage(app.store, { select: columns, from, order }, paging, spec.toItem);
}

/** A page of the audit trail, newest first unless sorted otherwise. */
export function listAudit(app: App, query: Record<string, string>): Promise<ListResult<AuditItem>> {
  return listTable(
    { app, table: AUDIT_TABLE, fields: AUDIT_COLLECTION, defaultSort: '-seq', toItem: auditFromRow },
    query,
  );
}

/** One entry by id; 404 when there is none. */
export async function getAudit(app: App, id: string): Promise<AuditItem> {
  const columns = sql.join(AUDIT_COLLECTION.fields.map((f) => sql.id(f.name)));
  const row = await app.store.get(sql`SELECT ${columns} FROM ${sql.id(AUDIT_TABLE)} WHERE "id" = ${id}`);
  if (!row) throw Errors.notFound();
  return auditFromRow(row);
}
