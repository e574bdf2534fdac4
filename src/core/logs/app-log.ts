import type { App } from '../app.js';
import { LogLevel } from './levels.js';
import { addLog } from './logs.js';

/**
 * Stores an app log at ERROR level: server errors, failed background jobs. `data` is stored as is
 * (keep it JSON-serialisable); an Error given as `data.error` is stored as its text.
 */
export function logAppError(app: App, message: string, data: Record<string, unknown> = {}): void {
  addLog(app, LogLevel.error, message, normalise(data));
}

export function logAppWarn(app: App, message: string, data: Record<string, unknown> = {}): void {
  addLog(app, LogLevel.warn, message, normalise(data));
}

export function logAppInfo(app: App, message: string, data: Record<string, unknown> = {}): void {
  addLog(app, LogLevel.info, message, normalise(data));
}

export function logAppDebug(app: App, message: string, data: Record<string, unknown> = {}): void {
  addLog(app, LogLevel.debug, message, normalise(data));
}

/** Errors do not serialise to JSON (their fields are not enumerable): keep their text. */
function normalise(data: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof Error) {
      out ??= { ...data };
      out[key] = String(value);
    }
  }
  return out ?? data;
}
