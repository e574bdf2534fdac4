import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SealedLogBatch } from '../log-batch.js';
import { LOGS_TABLE, type LogStore } from '../log-store.js';
import { type Fragment, statement } from '../sql.js';
import type { Row } from '../store.js';
import type { LogWorkerReply, LogWorkerRequest, LogWorkerSetup } from './log-worker.js';

type Statement = Database.Statement<unknown[], unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS "${LOGS_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "created" TEXT DEFAULT '' NOT NULL,
  "level" INTEGER DEFAULT 0 NOT NULL,
  "message" TEXT DEFAULT '' NOT NULL,
  "data" JSON DEFAULT '{}' NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_logs_created" ON "${LOGS_TABLE}" ("created");
CREATE INDEX IF NOT EXISTS "idx_logs_level" ON "${LOGS_TABLE}" ("level");
`;

const CACHE_LIMIT = 100;

/** The worker entry: compiled JavaScript next to this file, or the TypeScript source when running under tsx. */
function startWorker(setup: LogWorkerSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./log-worker.js', here), { workerData: setup });
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./log-worker.ts', here).href);
  const boot = `import(${loader}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

interface Waiting {
  resolve(changes: number): void;
  reject(err: Error): void;
}

/**
 * Logs in their own SQLite file (`auxiliary.db` beside `data.db`), never in the data's database.
 * Writes run in a worker thread on a connection of their own, so storing a batch costs the event
 * loop only the hand-over; reads (the logs API) run on a connection here, which WAL never blocks.
 * Losing the last second of logs in a power cut is acceptable: synchronous=NORMAL keeps commits cheap.
 */
class SqliteLogStore implements LogStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Statement>();
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    this.worker = startWorker({ file });
    this.worker.on('message', (reply: LogWorkerReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.changes);
      else waiting.reject(new Error(reply.message));
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('the logs writer thread has stopped')));
    // after the listeners (adding a message listener takes a reference): an idle writer keeps no process alive
    this.worker.unref();
  }

  /** Sends a write to the worker; the worker is kept referenced only while a write is pending. */
  private send(request: LogWorkerRequest): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<number>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      const settle = () => {
        if (this.waiting.size === 0) this.worker.unref();
      };
      this.waiting.set(request.id, {
        resolve: (n) => {
          settle();
          resolve(n);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
      });
      this.worker.postMessage(request);
    });
  }

  private prepare(text: string): Statement {
    let stmt = this.cache.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, stmt);
    }
    return stmt;
  }

  /**
   * The event loop's share: posting the batch (a structured clone of its arrays); formatting the
   * request entries, ids, dates and the INSERTs happen in the worker.
   */
  async insert(batch: SealedLogBatch): Promise<void> {
    if (batch.at.length === 0) return;
    await this.send({ id: this.nextId++, kind: 'insert', batch });
  }

  async all<T = Row>(query: Fragment): Promise<T[]> {
    const [text, values] = statement(query);
    return this.prepare(text).all(...values) as T[];
  }

  async get<T = Row>(query: Fragment): Promise<T | undefined> {
    const [text, values] = statement(query);
    return this.prepare(text).get(...values) as T | undefined;
  }

  /** Writes go through the worker, the one writer of this file, so the event loop never waits on a lock. */
  async run(query: Fragment): Promise<{ changes: number }> {
    const [sql, params] = statement(query);
    return { changes: await this.send({ id: this.nextId++, kind: 'run', sql, params }) };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) {
        const exited = new Promise((resolve) => this.worker.once('exit', resolve));
        await this.send({ id: this.nextId++, kind: 'close' }).catch(() => undefined);
        // held until it has exited, so the process does not end with the file half closed
        this.worker.ref();
        await exited;
      }
      this.cache.clear();
      this.db.close();
    })();
    return this.closing;
  }
}

/** Opens (creating when missing) the logs database in `file`. */
export function openSqliteLogs(file: string): LogStore {
  return new SqliteLogStore(file);
}
