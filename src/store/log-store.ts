import type { Fragment } from './sql.js';
import type { ReadOptions, Row } from './store.js';

/** The table logs live in, on either database. */
export const LOGS_TABLE = '_logs';

/** One stored log entry; `data` is JSON text. */
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
  /** Writes `rows` in one transaction. */
  insert(rows: readonly LogRow[]): Promise<void>;
  /** Reads; `opts` is accepted for the shape shared with the data store (list pages) and may be ignored. */
  all<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T[]>;
  get<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T | undefined>;
  run(query: Fragment): Promise<{ changes: number }>;
  close(): Promise<void>;
}
