import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { tuneConnection } from './tuning.js';

export type ReadMethod = 'all' | 'get';

/** A read sent to a worker; `reset` drops the prepared statements (after DDL). */
export type WorkerRequest =
  | { id: number; method: ReadMethod; sql: string; params: readonly unknown[] }
  | { reset: true };

export interface WorkerError {
  name: string;
  message: string;
  code?: string;
}

/** `ready` once the connection is open; then one reply per request. */
export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkerError };

export interface WorkerSetup {
  file: string;
}

type Statement = Database.Statement<unknown[], unknown>;

const CACHE_LIMIT = 2000;

function describe(err: unknown): WorkerError {
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

function serve(file: string): void {
  const port = parentPort;
  if (!port) throw new Error('read-worker runs inside a worker thread');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  tuneConnection(db);
  const cache = new Map<string, Statement>();

  const prepare = (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };

  port.on('message', (msg: WorkerRequest) => {
    if ('reset' in msg) {
      cache.clear();
      return;
    }
    let reply: WorkerReply;
    try {
      const stmt = prepare(msg.sql);
      const value = msg.method === 'all' ? stmt.all(...msg.params) : stmt.get(...msg.params);
      reply = { id: msg.id, ok: true, value };
    } catch (err) {
      reply = { id: msg.id, ok: false, error: describe(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
}

serve((workerData as WorkerSetup).file);
