import { formatDate } from '../../lib/time.js';
import { LOGS_TABLE } from '../../store/log-store.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { logsOf } from './logs.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the entries older than `logs.maxDays` days (with 0, logging is off and every entry goes).
 * Run by the `__pbLogsCleanup__` job; returns how many entries were deleted.
 */
export async function deleteOldLogs(app: App, now = new Date()): Promise<number> {
  const logs = logsOf(app);
  if (!logs) return 0;
  const days = Math.max(0, app.settings.get().logs.maxDays);
  const cutoff = formatDate(new Date(now.getTime() - days * DAY_MS));
  const { changes } = await logs.store.run(
    sql`DELETE FROM ${sql.id(LOGS_TABLE)} WHERE ${sql.id('created')} < ${cutoff}`,
  );
  return changes;
}
