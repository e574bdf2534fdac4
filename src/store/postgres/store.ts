import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BackupSource } from '../backup.js';
import type { PoolUse, Queryable, QueryObserver, Store } from '../store.js';
import { isRetryable, isStalePlan, TransactionConflict, translate } from './errors.js';
import { JOB_RUNS_SQL, JobRunClaims } from './job-runs.js';
import { type ChangeHandler, ChangeListener } from './notify.js';
import { backoff, type Client, typeParsers } from './query.js';
import { PgQueryable, PgTransaction, type TxState } from './queryable.js';
import { type LockKey, lockKey, MIN_SERVER_VERSION, SCHEMA_LOCK, SYSTEM_TABLES_SQL } from './schema.js';

export { InvalidQueryValue, TransactionConflict } from './errors.js';
export type { ChangeEvent, ChangeHandler } from './notify.js';

export type Isolation = 'serializable' | 'repeatable read' | 'read committed';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (sslmode and other libpq-style parameters allowed) */
  url: string;
  /** pool size (default 20) */
  max?: number;
  /** isolation of `transaction()` (default 'serializable': behaves like SQLite's one writer) */
  isolation?: Isolation;
  /** attempts of a transaction that hit a serialization failure or deadlock (default 6) */
  attempts?: number;
  /** connection and background errors (idle clients, the LISTEN connection) */
  onError?: (err: unknown) => void;
}

const PREPARED_LIMIT = 500;

/**
 * PostgreSQL through a node-postgres pool. Transactions run concurrently, each on its own
 * connection, and are retried on serialization failures and deadlocks.
 */
export class PostgresStore extends PgQueryable implements Store {
  readonly inTransaction = false;
  /** tells this store's own notifications apart from other instances' */
  readonly instanceId = randomBytes(6).toString('hex');
  private readonly pool: pg.Pool;
  private readonly begin: string;
  private readonly attempts: number;
  private readonly report: (err: unknown) => void;
  private listener: ChangeListener | null = null;
  private jobRuns: JobRunClaims | null = null;
  private readonly prepared = new Map<string, string>();
  private generation = 0;
  private readonly config: pg.PoolConfig;
  queryObserver: QueryObserver | null = null;

  constructor(options: PostgresStoreOptions | string) {
    super();
    const opts = typeof options === 'string' ? { url: options } : options;
    this.config = {
      connectionString: opts.url,
      max: opts.max ?? 20,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 30_000,
      application_name: 'basalt',
      types: typeParsers,
    };
    this.pool = new pg.Pool(this.config);
    this.report = opts.onError ?? (() => undefined);
    this.pool.on('error', (err) => this.report(err));
    this.begin = `BEGIN ISOLATION LEVEL ${(opts.isolation ?? 'serializable').toUpperCase()}`;
    this.attempts = Math.max(1, opts.attempts ?? 6);
  }

  protected client(): Client {
    return this.pool;
  }

  protected onError(): void {}

  protected observer(): QueryObserver | null {
    return this.queryObserver;
  }

  poolUse(): PoolUse {
    const pool = this.pool;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: this.config.max ?? 0 };
  }

  /** Reads outside transactions reuse prepared statements (one name per SQL text, per schema generation). */
  protected override statementName(sql: string): string | undefined {
    let name = this.prepared.get(sql);
    if (!name && this.prepared.size < PREPARED_LIMIT) {
      name = `b${this.generation}_${this.prepared.size}`;
      this.prepared.set(sql, name);
    }
    return name;
  }

  protected override async send(sql: string, params: readonly unknown[], read = false): Promise<pg.QueryResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await super.send(sql, params, read);
      } catch (err) {
        if (read && isStalePlan(err)) {
          this.generation++;
          this.prepared.clear();
          return super.send(sql, params, false);
        }
        if (!isRetryable(err)) throw err;
        if (attempt >= this.attempts) throw new TransactionConflict(err);
        await backoff(attempt);
      }
    }
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.retrying(fn, null);
  }

  /**
   * A transaction holding the schema lock: schema changes and migrations of every instance on this
   * database run one at a time, and each sees what the previous one committed (the lock is taken
   * before the transaction's snapshot).
   */
  schemaTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.retrying(fn, SCHEMA_LOCK);
  }

  /** An advisory lock named after `key`, taken before BEGIN and released after the end, as for schema changes. */
  exclusiveTransaction<T>(key: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.retrying(fn, lockKey(key));
  }

  private async retrying<T>(fn: (tx: Queryable) => Promise<T>, lock: LockKey | null): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const state: TxState = { pending: [], conflict: undefined, savepoints: 0, observer: this.queryObserver };
      let out: T;
      try {
        out = await this.attemptTransaction(fn, state, lock);
      } catch (err) {
        const conflict = isRetryable(err) ? err : state.conflict;
        if (conflict === undefined) throw err;
        if (attempt >= this.attempts) throw new TransactionConflict(conflict);
        await backoff(attempt);
        continue;
      }
      for (const cb of state.pending) cb();
      return out;
    }
  }

  private async attemptTransaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    state: TxState,
    lock: LockKey | null,
  ): Promise<T> {
    const conn = await this.pool.connect();
    let broken: unknown;
    let locked = false;
    try {
      if (lock) {
        await conn.query('SELECT pg_advisory_lock($1::int4, $2::int4)', [...lock]);
        locked = true;
      }
      await conn.query(this.begin);
      let out: T;
      try {
        out = await fn(new PgTransaction(conn, state));
      } catch (err) {
        await conn.query('ROLLBACK').catch((e: unknown) => {
          broken = e;
        });
        throw err;
      }
      if (state.conflict !== undefined) {
        await conn.query('ROLLBACK');
        throw state.conflict;
      }
      const start = state.observer ? performance.now() : 0;
      const done = await conn.query('COMMIT').catch((err: unknown) => {
        throw translate(err);
      });
      state.observer?.('commit', (performance.now() - start) / 1000);
      if (done.command === 'ROLLBACK') throw new Error('the transaction was rolled back after an earlier error');
      return out;
    } finally {
      if (locked && !broken) {
        await conn
          .query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [...(lock as LockKey)])
          .catch((e: unknown) => {
            broken = e;
          });
      }
      conn.release(
        broken instanceof Error ? broken : broken ? new Error('connection left in an unknown state') : undefined,
      );
    }
  }

  /** Backups read every table inside one read-only REPEATABLE READ transaction: one snapshot, no locks held on writers. */
  readonly backupSource: BackupSource = {
    kind: 'snapshot',
    read: async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
      const conn = await this.pool.connect();
      let broken: unknown;
      try {
        await conn.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          return await fn(new PgTransaction(conn, { pending: [], conflict: undefined, savepoints: 0, observer: null }));
        } finally {
          await conn.query('ROLLBACK').catch((e: unknown) => {
            broken = e;
          });
        }
      } finally {
        conn.release(broken instanceof Error ? broken : undefined);
      }
    },
  };

  async init(): Promise<void> {
    const row = await this.get<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const version = Number(row?.v ?? 0);
    if (version < MIN_SERVER_VERSION) {
      throw new Error(`PostgreSQL ${MIN_SERVER_VERSION / 10000} or newer is required (server reports ${version})`);
    }
    await this.schemaTransaction((tx) => tx.exec(SYSTEM_TABLES_SQL));
    await this.schemaTransaction((tx) => tx.exec(JOB_RUNS_SQL));
  }

  /** Fresh planner statistics for every table. */
  async optimize(): Promise<void> {
    await this.exec('ANALYZE');
  }

  /** The first instance to insert the (job, tick) row runs the tick (see job-runs.ts). */
  claimJobRun(job: string, tick: string): Promise<boolean> {
    this.jobRuns ??= new JobRunClaims(this);
    return this.jobRuns.claim(job, tick);
  }

  afterCommit(tx: Queryable, fn: () => void): void {
    if (tx instanceof PgTransaction) tx.state.pending.push(fn);
    else fn();
  }

  /** Announces a change to every store listening on `channel`; through `via` it is sent when that transaction commits. */
  async notify(channel: string, payload = '', via: Queryable = this): Promise<void> {
    await via.get('SELECT pg_notify(?, ?)', [channel, this.changes().wrap(payload)]);
  }

  /** Calls `handler` for each notification on `channel`; resolves once listening. The result unsubscribes. */
  onChange(channel: string, handler: ChangeHandler): Promise<() => Promise<void>> {
    return this.changes().subscribe(channel, handler);
  }

  async close(): Promise<void> {
    await this.listener?.close();
    await this.pool.end();
  }

  private changes(): ChangeListener {
    this.listener ??= new ChangeListener(
      { ...this.config, application_name: 'basalt-listen' },
      this.instanceId,
      this.dialect.quote,
      this.report,
    );
    return this.listener;
  }
}
