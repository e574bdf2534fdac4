import { LOGS_TABLE } from '../../store/log-store.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { type ListResult, queryPage } from '../list-page.js';
import { parsePaging } from '../list-params.js';
import { MAIN } from '../rules-sql/condition.js';
import { type LogItem, logFromRow } from './entry.js';
import { compileLogFilter, compileLogSort, LogFilterError } from './filter.js';
import { requireLogs } from './logs.js';

/** The columns served; the PostgreSQL table's hidden row-id column stays out. */
export const LOG_COLUMNS = sql.join(['id', 'created', 'level', 'message', 'data'].map((c) => sql.id(MAIN, c)));

/** Without a sort, the oldest entry first: insertion order, the same on both databases. */
const DEFAULT_SORT = '@rowid';

/**
 * A page of logs with the paging, `sort` and `filter` parameters of a records list, on the fields
 * id, created, level, message, data and data.<path>. A filter or sort that does not compile is a 400.
 */
export async function listLogs(app: App, query: Record<string, string>): Promise<ListResult<LogItem>> {
  const paging = parsePaging(query);
  let filter = null;
  let sort = null;
  try {
    filter = query.filter?.trim() ? compileLogFilter(app, query.filter) : null;
    sort = compileLogSort(app, query.sort?.trim() ? query.sort : DEFAULT_SORT);
  } catch (err) {
    if (err instanceof LogFilterError) throw Errors.badRequest();
    throw err;
  }
  const from = sql`FROM ${sql.id(LOGS_TABLE)} AS ${sql.id(MAIN)}${filter ? sql` WHERE ${filter}` : sql.empty}`;
  const order = sort.sql ? sql` ORDER BY ${sort}` : sql.empty;
  return queryPage(requireLogs(app).store, { select: LOG_COLUMNS, from, order }, paging, logFromRow);
}
