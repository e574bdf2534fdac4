import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Dialect } from '../dialect.js';
import type { Queryable, Row, Store } from '../store.js';
import { postgresDialect } from './dialect.js';
import { isRetryable, isStalePlan, TransactionConflict, translate } from './errors.js';
import './migrator.js';
import { ChangeListener, type ChangeHandler } from './notify.js';
import { backoff, type Client, query, typeParsers } from './query.js';
import { MIN_SERVER_VERSION, SCHEMA_LOCK, SYSTEM_TABLES_SQL } from './schema.js';

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

/** State shared by a transaction and its savepoints. */
interface TxState {
  pending: Array<() => void>;
  /** a retryable failure seen inside, even when the caller caught it */
  conflict: unknown;
  savepoints: number;
}

abstract class PgQueryable implements Queryable {
  readonly dialect: Dialect = postgresDialect;
  abstract readonly inTransaction: boolean;
  protected abstract client(): Client;
  protected abstract onError(err: unknown): void;

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.send(sql, params, true)).rows as T[];
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.send(sql, params, true)).rows[0] as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    return { changes: (await this.send(sql, params)).rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.send(sql, []);
  }

  abstract transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;

  /** Name of a server-side prepared statement for `sql`, or undefined to parse it each time. */
  protected statementName(_sql: string): string | undefined {
    return undefined;
  }

  protected async send(sql: string, params: readonly unknown[], read = false): Promise<pg.QueryResult> {
    try {
      return await query(this.client(), sql, params, read && params.length > 0 ? this.statementName(sql) : undefined);
    } catch (err) {
      this.onError(err);
      throw translate(err);
    }
  }
}

/** One transaction (or a savepoint inside it) pinned to a pooled connection. */
class PgTransaction extends PgQueryable {
  readonly inTransaction = true;
  constructor(
    private readonly conn: pg.PoolClient,
    readonly state: TxState,
  ) {
    super();
  }

  protected client(): Client {
    return this.conn;
  }

  protected onError(err: unknown): void {
    if (isRetryable(err)) this.state.conflict ??= err;
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const name = `sp${++this.state.savepoints}`;
    const mark = this.state.pending.length;
    await this.conn.query(`SAVEPOINT ${name}`);
    try {
      const out = await fn(new PgTransaction(this.conn, this.state));
      await this.conn.query(`RELEASE SAVEPOINT ${name}`);
      return out;
    } catch (err) {
      await this.conn.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      this.state.pending.length = Math.min(this.state.pending.length, mark);
      throw err;
    }
  }
}

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
  private readonly prepared = new Map<string, string>();
  private generation = 0;
  private readonly config: pg.PoolConfig;

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

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const state: TxState = { pending: [], conflict: undefined, savepoints: 0 };
      let out: T;
      try {
        out = await this.attemptTransaction(fn, state);
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

  private async attemptTransaction<T>(fn: (tx: Queryable) => Promise<T>, state: TxState): Promise<T> {
    const conn = await this.pool.connect();
    let broken: unknown;
    try {
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
      const done = await conn.query('COMMIT').catch((err: unknown) => {
        throw translate(err);
      });
      if (done.command === 'ROLLBACK') throw new Error('the transaction was rolled back after an earlier error');
      return out;
    } finally {
      conn.release(broken instanceof Error ? broken : undefined);
    }
  }

  async init(): Promise<void> {
    const row = await this.get<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    const version = Number(row?.v ?? 0);
    if (version < MIN_SERVER_VERSION) {
      throw new Error(`PostgreSQL ${MIN_SERVER_VERSION / 10000} or newer is required (server reports ${version})`);
    }
    await this.transaction(async (tx) => {
      await this.lockSchema(tx);
      await tx.exec(SYSTEM_TABLES_SQL);
    });
  }

  /** Serialises schema changes across instances sharing the database; call first inside the transaction. */
  async lockSchema(tx: Queryable): Promise<void> {
    await tx.get('SELECT pg_advisory_xact_lock(?::int4, ?::int4)', SCHEMA_LOCK);
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
