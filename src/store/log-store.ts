import { newRecordIds } from '../lib/random.js';
import { formatDate } from '../lib/time.js';
import type { Fragment } from './sql.js';
import type { ReadOptions, Row } from './store.js';

/** The table logs live in, on either database. */
export const LOGS_TABLE = '_logs';

/** An entry to store: its id and date text are made by the store, off the request path where it can. */
export interface LogEntry {
  /** when it happened, in milliseconds since the epoch */
  at: number;
  level: number;
  message: string;
  /** JSON text of an object */
  data: string;
}

/** One stored row; `data` is JSON text. */
export interface LogRow {
  id: string;
  created: string;
  level: number;
  message: string;
  data: string;
}

/**
 * Where request and app logs are kept, apart from the data: a second SQLite file, or a table of its
 * own on PostgreSQL. It speaks the same SQL dialect as the main store, so filters compiled by the
 * main store's compiler run here unchanged. `@rowid` sorts by insertion order on both.
 */
export interface LogStore {
  /** Writes `entries` in one transaction. */
  insert(entries: readonly LogEntry[]): Promise<void>;
  /** Reads; `opts` is accepted for the shape shared with the data store (list pages) and may be ignored. */
  all<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T[]>;
  get<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T | undefined>;
  run(query: Fragment): Promise<{ changes: number }>;
  close(): Promise<void>;
}

/**
 * A batch of entries as one JSON text, `[[at, level, message, data], …]` (a single string crosses to a
 * worker thread far more cheaply than as many small values).
 */
export function entriesToJson(entries: readonly LogEntry[]): string {
  let out = '[';
  for (const e of entries) {
    if (out.length > 1) out += ',';
    out += `[${e.at},${e.level},${JSON.stringify(e.message)},${JSON.stringify(e.data)}]`;
  }
  return `${out}]`;
}

/** The inverse of entriesToJson. */
export function entriesFromJson(text: string): LogEntry[] {
  return (JSON.parse(text) as Array<[number, number, string, string]>).map(([at, level, message, data]) => ({
    at,
    level,
    message,
    data,
  }));
}

/** Entries → rows with fresh ids and the API's date text. */
export function entriesToRows(entries: readonly LogEntry[]): LogRow[] {
  const ids = newRecordIds(entries.length);
  return entries.map((e, i) => ({
    id: ids[i] as string,
    created: formatDate(new Date(e.at)),
    level: e.level,
    message: e.message,
    data: e.data,
  }));
}
