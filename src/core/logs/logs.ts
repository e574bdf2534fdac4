import type { RequestLogFields } from '../../store/log-batch.js';
import type { LogStore } from '../../store/log-store.js';
import type { App } from '../app.js';
import { LogWriter, type WriterOptions } from './writer.js';

/** The logs of one app: where they are stored and the batched writer in front of that store. */
export interface AppLogs {
  readonly store: LogStore;
  readonly writer: LogWriter;
}

const attached = new WeakMap<App, AppLogs>();

/**
 * Starts logging for `app` into `store` (main.ts picks the store for the database in use). On close
 * the queue is written out, then the store is closed.
 */
export function startLogs(app: App, store: LogStore, opts: WriterOptions = {}): AppLogs {
  const logs: AppLogs = { store, writer: new LogWriter(store, app.log, opts) };
  attached.set(app, logs);
  app.onClose(async () => {
    await logs.writer.close();
    await store.close();
  });
  return logs;
}

/** The logs of `app`; undefined when it was built without them (a bare App in a unit test). */
export function logsOf(app: App): AppLogs | undefined {
  return attached.get(app);
}

/** The logs of `app`, for the logs API: it cannot serve without them. */
export function requireLogs(app: App): AppLogs {
  const logs = attached.get(app);
  if (!logs) throw new Error('logs are not started for this app');
  return logs;
}

/** `data` as JSON text; data that cannot be serialised (a cycle, a BigInt) becomes a note saying why. */
function dataJson(data: Record<string, unknown>): string {
  try {
    return JSON.stringify(data) ?? '{}';
  } catch (err) {
    return JSON.stringify({ serializeError: String(err) });
  }
}

/**
 * Queues an entry when the settings in force keep it: nothing at all when `logs.maxDays` is 0, and
 * nothing below `logs.minLevel`. `data` may come as JSON text already. Costs a settings read and a
 * few array pushes.
 */
export function addLog(app: App, level: number, message: string, data: Record<string, unknown> | string): void {
  const writer = attached.get(app)?.writer;
  if (!writer || !wantsLog(app, level)) return;
  writer.add(level, message, typeof data === 'string' ? data : dataJson(data));
}

/**
 * Queues a request's log entry, formatted into its JSON data when stored (off the event loop on
 * SQLite). The caller has checked wantsLog already: this is the one call per logged request.
 */
export function addRequestLog(app: App, fields: RequestLogFields): void {
  attached.get(app)?.writer.addRequest(fields);
}

/** True when an entry of `level` would be kept under the settings in force. */
export function wantsLog(app: App, level: number): boolean {
  const settings = app.settings.get().logs;
  return settings.maxDays > 0 && level >= settings.minLevel;
}

/** Writes every queued entry now; resolves once stored. Tests await it instead of sleeping. */
export async function flushLogs(app: App): Promise<void> {
  // a response's log entry is queued once the response has been written: let those run first
  await new Promise((resolve) => setImmediate(resolve));
  await attached.get(app)?.writer.flush();
}
