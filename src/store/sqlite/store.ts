import Database from 'better-sqlite3';
import type { BackupSource } from '../backup.js';
import type { SqlCompiler } from '../compiler.js';
import type { Dialect } from '../dialect.js';
import { type Fragment, statement, unboundText } from '../sql.js';
import {
  type Migrator,
  type PoolUse,
  type Queryable,
  type QueryObserver,
  type ReadOptions,
  type Row,
  type Store,
  UniqueViolation,
} from '../store.js';
import { sqliteCompiler } from './compiler.js';
import { sqliteDialect } from './dialect.js';
import { GroupCommitter } from './group-commit.js';
import { sqliteMigrator } from './migrator.js';
import { defaultReadWorkers, ReadPool } from './read-pool.js';
import { SYSTEM_TABLES_SQL } from './schema.js';
import { tuneConnection } from './tuning.js';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;
type Query = Fragment | string;
type Params = readonly unknown[] | ReadOptions;

const CACHE_LIMIT = 2000;

function open(file: string, readonly: boolean): Db {
  const db = new Database(file, { readonly });
  tuneConnection(db);
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/** A connection with a prepared-statement cache keyed by SQL text. */
class Connection {
  private readonly cache = new Map<string, Statement>();
  constructor(readonly db: Db) {}

  prepare(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  clearCache(): void {
    this.cache.clear();
  }
}

function translate(err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const msg = e.message ?? '';
    const list = msg.split('failed:')[1] ?? '';
    const parts = list.split(',').map((s) => s.trim());
    const table = parts[0]?.split('.')[0] ?? '';
    const columns = parts.filter((p) => p.includes('.')).map((p) => p.split('.').slice(1).join('.'));
    const index = /index '([^']+)'/.exec(msg)?.[1];
    return new UniqueViolation(table, index ? [`index:${index}`] : columns, msg);
  }
  return err;
}

/** Runs statements on one connection; `tx` tells whether it is inside a transaction. */
class SqliteQueryable implements Queryable {
  readonly dialect: Dialect = sqliteDialect;
  readonly compiler: SqlCompiler = sqliteCompiler;
  readonly migrator: Migrator = sqliteMigrator;
  constructor(
    protected readonly reader: Connection,
    protected readonly writer: Connection,
    protected readonly owner: SqliteStore,
    readonly inTransaction: boolean,
    protected depth = 0,
  ) {}

  private conn(): Connection {
    return this.inTransaction ? this.writer : this.reader;
  }

  /** Heavy reads outside a transaction go to the read pool once it has a worker ready. */
  private pool(opts: ReadOptions | undefined): ReadPool | undefined {
    const pool = this.owner.readPool;
    return opts?.heavy && !this.inTransaction && pool?.available() ? pool : undefined;
  }

  async all<T = Row>(query: Query, more?: Params, options?: ReadOptions): Promise<T[]> {
    const [sql, params, opts] = statement(query, more, options);
    const pool = this.pool(opts);
    const observe = this.owner.queryObserver;
    const start = observe ? performance.now() : 0;
    try {
      if (pool) return (await pool.all(sql, params)) as T[];
      return this.conn()
        .prepare(sql)
        .all(...params) as T[];
    } catch (err) {
      throw translate(err);
    } finally {
      if (observe) observe('read', (performance.now() - start) / 1000);
    }
  }

  async get<T = Row>(query: Query, more?: Params, options?: ReadOptions): Promise<T | undefined> {
    const [sql, params, opts] = statement(query, more, options);
    const pool = this.pool(opts);
    const observe = this.owner.queryObserver;
    const start = observe ? performance.now() : 0;
    try {
      if (pool) return (await pool.get(sql, params)) as T | undefined;
      return this.conn()
        .prepare(sql)
        .get(...params) as T | undefined;
    } catch (err) {
      throw translate(err);
    } finally {
      if (observe) observe('read', (performance.now() - start) / 1000);
    }
  }

  async run(query: Query, values?: readonly unknown[]): Promise<{ changes: number }> {
    const [sql, params] = statement(query, values);
    if (!this.inTransaction) return this.transaction((tx) => tx.run(sql, params));
    const observe = this.owner.queryObserver;
    const start = observe ? performance.now() : 0;
    try {
      const r = this.writer.prepare(sql).run(...params);
      return { changes: r.changes };
    } catch (err) {
      throw translate(err);
    } finally {
      if (observe) observe('write', (performance.now() - start) / 1000);
    }
  }

  async exec(query: Query): Promise<void> {
    const sql = unboundText(query);
    if (!this.inTransaction) return this.transaction((tx) => tx.exec(sql));
    const observe = this.owner.queryObserver;
    const start = observe ? performance.now() : 0;
    try {
      this.writer.db.exec(sql);
    } finally {
      if (observe) observe('write', (performance.now() - start) / 1000);
    }
    this.reader.clearCache();
    this.writer.clearCache();
    this.owner.readPool?.clearCache();
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    if (this.inTransaction) {
      const name = `sp${this.depth + 1}`;
      const pendingBefore = this.owner.committer.pending.length;
      // prepared (and cached) rather than exec'd: exec parses the statement again every time
      this.writer.prepare(`SAVEPOINT ${name}`).run();
      try {
        const out = await fn(new SqliteQueryable(this.reader, this.writer, this.owner, true, this.depth + 1));
        this.writer.prepare(`RELEASE ${name}`).run();
        return out;
      } catch (err) {
        this.writer.prepare(`ROLLBACK TO ${name}`).run();
        this.writer.prepare(`RELEASE ${name}`).run();
        this.owner.committer.pending.length = pendingBefore;
        throw err;
      }
    }
    const tx = new SqliteQueryable(this.reader, this.writer, this.owner, true, 0);
    return this.owner.committer.submit(() => fn(tx));
  }
}

export interface SqliteStoreOptions {
  /** worker threads for heavy reads (default: one less than the cores, at least one; 0: none) */
  readWorkers?: number;
}

/**
 * SQLite through better-sqlite3: one writer connection whose transactions are group-committed,
 * one reader connection (WAL) for reads outside transactions, and a pool of read-only connections
 * in worker threads for heavy reads. Commits are durable (synchronous=FULL).
 */
export class SqliteStore extends SqliteQueryable implements Store {
  readonly committer: GroupCommitter;
  readonly readPool: ReadPool | undefined;
  private readonly readerDb: Db;
  private readonly writerDb: Db;
  /** backups copy the file (VACUUM INTO from another connection, see backup.ts) */
  readonly backupSource: BackupSource;

  constructor(file: string, opts: SqliteStoreOptions = {}) {
    const writerDb = open(file, false);
    const readerDb = file === ':memory:' ? writerDb : open(file, true);
    const writer = new Connection(writerDb);
    const reader = file === ':memory:' ? writer : new Connection(readerDb);
    super(reader, writer, undefined as unknown as SqliteStore, false);
    (this as unknown as { owner: SqliteStore }).owner = this;
    this.readerDb = readerDb;
    this.writerDb = writerDb;
    this.committer = new GroupCommitter(writerDb);
    this.backupSource = { kind: 'file', file };
    const workers = opts.readWorkers ?? defaultReadWorkers();
    this.readPool = file === ':memory:' || workers === 0 ? undefined : new ReadPool(file, workers);
  }

  async init(): Promise<void> {
    this.writerDb.exec(SYSTEM_TABLES_SQL);
  }

  /** Also times the group commits (see GroupCommitter). */
  get queryObserver(): QueryObserver | null {
    return this.committer.observer;
  }

  set queryObserver(observer: QueryObserver | null) {
    this.committer.observer = observer;
  }

  /** One connection writes and one reads on the main thread: the pool is the read workers. */
  poolUse(): PoolUse {
    return this.readPool?.use() ?? { total: 0, idle: 0, waiting: 0, max: 0 };
  }

  /** One writer already serialises schema changes. */
  schemaTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  /** One writer already runs every transaction alone. */
  exclusiveTransaction<T>(_key: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  /** A SQLite file has one server process: there is nobody else to tell. */
  async notify(): Promise<void> {}

  async onChange(): Promise<() => Promise<void>> {
    return async () => {};
  }

  afterCommit(tx: Queryable, fn: () => void): void {
    if (tx.inTransaction) this.committer.pending.push(fn);
    else fn();
  }

  /**
   * `PRAGMA optimize` and a WAL checkpoint, between group-commit batches (both need the writer
   * outside a transaction). The checkpoint does not wait for readers: with busy_timeout at 0 it
   * copies what it can and leaves the rest to the next one, instead of blocking the event loop.
   */
  async optimize(): Promise<void> {
    await this.committer.idle();
    while (this.writerDb.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.writerDb.pragma('optimize');
    const timeout = Number(this.writerDb.pragma('busy_timeout', { simple: true }));
    this.writerDb.pragma('busy_timeout = 0');
    try {
      this.writerDb.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.writerDb.pragma(`busy_timeout = ${timeout}`);
    }
  }

  /** A SQLite file has one server process: every tick is this instance's to run. */
  async claimJobRun(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    if (!this.writerDb.open) return;
    await this.committer.idle();
    await this.readPool?.close();
    if (this.readerDb !== this.writerDb) this.readerDb.close();
    this.writerDb.pragma('wal_checkpoint(TRUNCATE)');
    this.writerDb.close();
  }
}
