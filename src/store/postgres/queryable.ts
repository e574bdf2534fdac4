import type pg from 'pg';
import type { SqlCompiler } from '../compiler.js';
import type { Dialect } from '../dialect.js';
import { type Fragment, statement, unboundText } from '../sql.js';
import type { Migrator, Queryable, QueryObserver, ReadOptions, Row } from '../store.js';
import { postgresCompiler } from './compiler.js';
import { postgresDialect } from './dialect.js';
import { isRetryable, translate } from './errors.js';
import { postgresMigrator } from './migrator.js';
import { type Client, query } from './query.js';

type Query = Fragment | string;
type Params = readonly unknown[] | ReadOptions;

/** State shared by a transaction and its savepoints. */
export interface TxState {
  pending: Array<() => void>;
  /** a retryable failure seen inside, even when the caller caught it */
  conflict: unknown;
  savepoints: number;
  /** the store's query observer when the transaction began (metrics) */
  observer: QueryObserver | null;
}

export abstract class PgQueryable implements Queryable {
  readonly dialect: Dialect = postgresDialect;
  readonly compiler: SqlCompiler = postgresCompiler;
  readonly migrator: Migrator = postgresMigrator;
  abstract readonly inTransaction: boolean;
  protected abstract client(): Client;
  protected abstract onError(err: unknown): void;
  /** who is told each statement's duration (metrics); null when nobody is */
  protected abstract observer(): QueryObserver | null;

  async all<T = Row>(query: Query, params?: Params): Promise<T[]> {
    const [sql, values] = statement(query, params);
    return (await this.send(sql, values, true)).rows as T[];
  }

  async get<T = Row>(query: Query, params?: Params): Promise<T | undefined> {
    const [sql, values] = statement(query, params);
    return (await this.send(sql, values, true)).rows[0] as T | undefined;
  }

  async run(query: Query, params?: readonly unknown[]): Promise<{ changes: number }> {
    const [sql, values] = statement(query, params);
    return { changes: (await this.send(sql, values)).rowCount ?? 0 };
  }

  async exec(query: Query): Promise<void> {
    await this.send(unboundText(query), []);
  }

  abstract transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;

  /** Name of a server-side prepared statement for `sql`, or undefined to parse it each time. */
  protected statementName(_sql: string): string | undefined {
    return undefined;
  }

  protected async send(sql: string, params: readonly unknown[], read = false): Promise<pg.QueryResult> {
    const observe = this.observer();
    const start = observe ? performance.now() : 0;
    try {
      return await query(this.client(), sql, params, read && params.length > 0 ? this.statementName(sql) : undefined);
    } catch (err) {
      this.onError(err);
      throw translate(err);
    } finally {
      if (observe) observe(read ? 'read' : 'write', (performance.now() - start) / 1000);
    }
  }
}

/** One transaction (or a savepoint inside it) pinned to a pooled connection. */
export class PgTransaction extends PgQueryable {
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

  protected observer(): QueryObserver | null {
    return this.state.observer;
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
