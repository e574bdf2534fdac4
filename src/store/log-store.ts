import { timeOrderedIds } from '../lib/random.js';
import { formatDate } from '../lib/time.js';
import type { LogEntry, SealedLogBatch } from './log-batch.js';
import type { Fragment } from './sql.js';
import type { ReadOptions, Row } from './store.js';

/** The table logs live in, on either database. */
export const LOGS_TABLE = '_logs';

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
  /** Writes a sealed LogBatch (log-batch.ts) in one transaction. */
  insert(batch: SealedLogBatch): Promise<void>;
  /** Reads; `opts` is accepted for the shape shared with the data store (list pages) and may be ignored. */
  all<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T[]>;
  get<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T | undefined>;
  run(query: Fragment): Promise<{ changes: number }>;
  close(): Promise<void>;
}

/** Entries → rows with fresh ids (in time order: cheap to index) and the API's date text. */
export function entriesToRows(entries: readonly LogEntry[]): LogRow[] {
  const ids = timeOrderedIds(entries.map((e) => e.at));
  // a busy server logs several requests per millisecond: their date text is made once
  let lastAt = Number.NaN;
  let lastCreated = '';
  const createdAt = (at: number) => {
    if (at !== lastAt) {
      lastAt = at;
      lastCreated = formatDate(new Date(at));
    }
    return lastCreated;
  };
  return entries.map((e, i) => ({
    id: ids[i] as string,
    created: createdAt(e.at),
    level: e.level,
    message: e.message,
    data: e.data,
  }));
}
