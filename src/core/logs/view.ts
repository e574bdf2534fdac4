import { LOGS_TABLE } from '../../store/log-store.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { MAIN } from '../rules-sql/condition.js';
import { type LogItem, logFromRow } from './entry.js';
import { LOG_COLUMNS } from './list.js';
import { requireLogs } from './logs.js';

/** One log entry by id; 404 when there is none. */
export async function getLog(app: App, id: string): Promise<LogItem> {
  const row = await requireLogs(app).store.get(
    sql`SELECT ${LOG_COLUMNS} FROM ${sql.id(LOGS_TABLE)} AS ${sql.id(MAIN)} WHERE ${sql.id(MAIN, 'id')} = ${id}`,
  );
  if (!row) throw Errors.notFound();
  return logFromRow(row);
}
