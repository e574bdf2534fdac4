import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { decodeLogBatch, type SealedLogBatch } from '../log-batch.js';
import { entriesToRows, type LogRow } from '../log-store.js';

/**
 * Writes to the logs database, in a worker thread: `insert` carries a sealed LogBatch, turned into
 * rows (request entries formatted, ids, date text) here; `run` is any other write (retention).
 */
export type LogWorkerRequest =
  | { id: number; kind: 'insert'; batch: SealedLogBatch }
  | { id: number; kind: 'run'; sql: string; params: readonly unknown[] }
  | { id: number; kind: 'close' };

export type LogWorkerReply = { id: number; ok: true; changes: number } | { id: number; ok: false; message: string };

export interface LogWorkerSetup {
  file: string;
}

/** Rows per multi-row INSERT: 32 × 6 parameters, far below SQLite's limit of 32766. */
const ROWS_PER_STATEMENT = 32;

/** How much nicer than the server the writer thread runs (Linux nice values: 19 is the nicest). */
const BACKGROUND_NICENESS = 10;

/**
 * Lowers this thread's CPU priority, so that where no core is spare, storing logs yields to serving
 * requests; at nice +10 it still gets about a tenth of a contended core, enough for thousands of rows
 * a second. Only on Linux, where a nice value belongs to the calling thread: elsewhere the same call
 * would slow the whole server.
 */
function yieldToRequests(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(Math.min(19, getPriority() + BACKGROUND_NICENESS));
  } catch {
    // not permitted here: the thread keeps the server's priority
  }
}

function serve(file: string): void {
  const port = parentPort;
  if (!port) throw new Error('log-worker runs inside a worker thread');
  yieldToRequests();
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  // a PocketBase auxiliary.db has an `updated` column too: filled like `created`, as PocketBase does
  const columns = db.prepare("SELECT name FROM pragma_table_info('_logs')").all() as Array<{ name: string }>;
  const withUpdated = columns.some((c) => c.name === 'updated');
  const columnNames = ['id', 'created', 'level', 'message', 'data', ...(withUpdated ? ['updated'] : [])];
  const tuple = `(${columnNames.map(() => '?').join(', ')})`;
  const insertRows = (n: number) =>
    db.prepare(
      `INSERT INTO "_logs" (${columnNames.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`,
    );
  // one statement per ROWS_PER_STATEMENT rows: a busy server logs thousands of requests a second, and
  // a statement run per row costs several times more than the rows themselves
  const insertMany = insertRows(ROWS_PER_STATEMENT);
  const insertOne = insertRows(1);
  const params = (rows: readonly LogRow[]): unknown[] => {
    const out: unknown[] = [];
    for (const r of rows) {
      out.push(r.id, r.created, r.level, r.message, r.data);
      if (withUpdated) out.push(r.created);
    }
    return out;
  };
  const insertAll = db.transaction((rows: readonly LogRow[]) => {
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      insertMany.run(params(rows.slice(i, i + ROWS_PER_STATEMENT)));
    }
    for (; i < rows.length; i++) insertOne.run(params(rows.slice(i, i + 1)));
    return rows.length;
  });

  port.on('message', (msg: LogWorkerRequest) => {
    let reply: LogWorkerReply;
    try {
      if (msg.kind === 'close') {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        port.postMessage({ id: msg.id, ok: true, changes: 0 } satisfies LogWorkerReply);
        port.close();
        return;
      }
      const changes =
        msg.kind === 'insert'
          ? insertAll(entriesToRows(decodeLogBatch(msg.batch)))
          : db.prepare(msg.sql).run(...msg.params).changes;
      reply = { id: msg.id, ok: true, changes };
    } catch (err) {
      reply = { id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}

serve((workerData as LogWorkerSetup).file);
