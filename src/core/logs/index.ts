/** Request and app logs: stored apart from the data, written in batches, queried with the filter language. */
export { logAppDebug, logAppError, logAppInfo, logAppWarn } from './app-log.js';
export { type LogItem, logFromRow } from './entry.js';
export { LogLevel } from './levels.js';
export { listLogs } from './list.js';
export { type AppLogs, addLog, addRequestLog, flushLogs, logsOf, startLogs, wantsLog } from './logs.js';
export { deleteOldLogs } from './retention.js';
export { type LogStat, logStats } from './stats.js';
export { getLog } from './view.js';
