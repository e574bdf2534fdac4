import type { SqlCompiler } from './compiler.js';
import type { Dialect } from './dialect.js';
import type { SchemaSpec, ViewColumnInfo } from './schema-spec.js';
import type { SearchSpec } from './search.js';
import type { Fragment } from './sql.js';

export type Row = Record<string, unknown>;

export interface ReadOptions {
  /** a costly read (COUNT over many rows, big scans): adapters may run it off the main thread */
  heavy?: boolean;
}

/**
 * Anything that runs SQL: the store itself, or a transaction on it. Each carries its database's
 * bundle (SQL pieces and capabilities, filter compiler, schema migrator), so code holding only a
 * transaction still reaches all three.
 */
export interface Queryable {
  readonly dialect: Dialect;
  /** compiles filters, rules and sorts to this database's SQL */
  readonly compiler: SqlCompiler;
  /** moves records tables and views between schemas */
  readonly migrator: Migrator;
  /** Statements are `sql` fragments (store/sql.ts), or text with `?` marks and its values. */
  all<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T[]>;
  all<T = Row>(sql: string, params?: readonly unknown[], opts?: ReadOptions): Promise<T[]>;
  get<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T | undefined>;
  get<T = Row>(sql: string, params?: readonly unknown[], opts?: ReadOptions): Promise<T | undefined>;
  run(query: Fragment): Promise<{ changes: number }>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** Runs one or more statements without parameters (DDL). */
  exec(sql: string | Fragment): Promise<void>;
  /**
   * Runs `fn` in a transaction and commits when it resolves, rolls back when it throws.
   * Inside a transaction this opens a savepoint.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** True while inside a transaction. */
  readonly inTransaction: boolean;
}

/** Moves a records table or view from one schema to the next, in place, inside the transaction `tx`. */
export interface Migrator {
  /** Drops, creates or alters so that `old` (null: nothing yet) becomes `next` (null: dropped). */
  sync(tx: Queryable, old: SchemaSpec | null, next: SchemaSpec | null): Promise<void>;
  /** Result columns of `query` without running it for data. */
  viewColumns(tx: Queryable, query: string): Promise<ViewColumnInfo[]>;
  /** True when a table or view of that name exists (case-insensitive). */
  tableExists(tx: Queryable, name: string): Promise<boolean>;
  /** The table an existing index belongs to, or null. */
  indexTable(tx: Queryable, indexName: string): Promise<string | null>;
  /** Builds a collection's full-text index over the rows already there; it then follows every write. */
  createSearch(tx: Queryable, spec: SearchSpec): Promise<void>;
  /** Drops a collection's full-text index (nothing happens when there is none). */
  dropSearch(tx: Queryable, spec: SearchSpec): Promise<void>;
}

/** What a timed database call was: a statement reading, one writing (or DDL), or a transaction's COMMIT. */
export type QueryKind = 'read' | 'write' | 'commit';

/** Told how long each statement and commit took, in seconds (metrics). */
export type QueryObserver = (kind: QueryKind, seconds: number) => void;

/** Connections of a store's pool right now: open ones, idle ones, callers waiting for one, and the most it opens. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}
/**
 * How a backup reads a database while it keeps serving writes. A database kept in one file (SQLite)
 * is copied whole as of one moment; a server database (PostgreSQL) is read inside one transaction
 * that sees a single snapshot.
 */
export type BackupSource =
  | { kind: 'file'; file: string }
  | { kind: 'snapshot'; read<T>(fn: (q: Queryable) => Promise<T>): Promise<T> };

/** A change another instance announced (see Store.notify). */
export interface ChangeEvent {
  channel: string;
  payload: string;
  /** sent by this very instance */
  self: boolean;
  /** the listener reconnected: changes may have been missed, reload everything */
  resync: boolean;
}

/** The database seam. main.ts opens one implementation (store/sqlite or store/postgres), which brings its compiler and migrator. */
export interface Store extends Queryable {
  /**
   * A transaction holding the schema lock: migrations and collection changes of all instances on
   * one database run one at a time, each seeing the previous one's commit.
   */
  schemaTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * A transaction that runs alone among those opened with the same `key` by every instance on this
   * database, and sees what the previous one committed (the lock is taken before its snapshot): for
   * appends that must stay in one line, such as the audit chain.
   */
  exclusiveTransaction<T>(key: string, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Tells the other instances on this database about a change; through a transaction it is sent on commit. */
  notify(channel: string, payload?: string, via?: Queryable): Promise<void>;
  /** Calls `handler` for changes announced on `channel`; resolves once listening; the result unsubscribes. */
  onChange(channel: string, handler: (e: ChangeEvent) => void): Promise<() => Promise<void>>;
  /** Creates the internal tables when they do not exist yet. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Runs `fn` after the current outermost transaction commits (immediately when there is none). */
  afterCommit(tx: Queryable, fn: () => void): void;
  /** Refreshes the query planner's statistics and tidies the database's side files (periodic maintenance). */
  optimize(): Promise<void>;
  /**
   * Claims the run of scheduled job `job` at `tick` (its scheduled time) for this instance: true for
   * exactly one of the instances sharing the database, the first to ask, and false for every other,
   * even one asking after the winner's run has finished. A database served by a single process
   * (SQLite) always answers true.
   */
  claimJobRun(job: string, tick: string): Promise<boolean>;
  /**
   * When set, every statement and commit is timed and reported to it (metrics). Unset (null), a
   * statement costs one extra field read.
   */
  queryObserver: QueryObserver | null;
  /** The connection pool's use: PostgreSQL's client pool; SQLite's read workers. */
  poolUse(): PoolUse;
  /** How a backup reads this database while it keeps serving (see store/backup.ts). */
  readonly backupSource: BackupSource;
}

/** Error raised by an adapter for a unique constraint violation, with the columns involved when known. */
export class UniqueViolation extends Error {
  constructor(
    readonly table: string,
    readonly columns: string[],
    message: string,
  ) {
    super(message);
  }
}
