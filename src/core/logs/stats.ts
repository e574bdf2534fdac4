import { LOGS_TABLE } from '../../store/log-store.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { MAIN } from '../rules-sql/condition.js';
import { compileLogFilter, LogFilterError } from './filter.js';
import { requireLogs } from './logs.js';

export interface LogStat {
  total: number;
  date: string;
}

/**
 * Entries per hour, oldest hour first, for the hours that have any; `filter` narrows them. The hour
 * is cut from the stored date text (`YYYY-MM-DD HH` is its first 13 characters), the same on both
 * databases. An invalid filter is a 400 "Invalid filter format.".
 */
export async function logStats(app: App, filterText = ''): Promise<LogStat[]> {
  let filter = null;
  try {
    filter = filterText.trim() ? compileLogFilter(app, filterText) : null;
  } catch (err) {
    if (err instanceof LogFilterError) throw Errors.invalidFilterFormat();
    throw err;
  }
  const hour = sql`substr(${sql.id(MAIN, 'created')}, 1, 13) || ':00:00.000Z'`;
  const rows = await requireLogs(app).store.all<{ total: unknown; date: unknown }>(
    sql`SELECT COUNT(*) AS ${sql.id('total')}, ${hour} AS ${sql.id('date')}
FROM ${sql.id(LOGS_TABLE)} AS ${sql.id(MAIN)}${filter ? sql` WHERE ${filter}` : sql.empty}
GROUP BY ${hour} ORDER BY ${hour}`,
  );
  return rows.map((r) => ({ total: Number(r.total), date: String(r.date) }));
}
