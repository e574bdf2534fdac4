import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { entriesFromText, entriesToRows, type LogRow } from '../log-store.js';

/**
 * Writes to the logs database, in a worker thread: `insert` carries a batch of entries as one
 * text (entriesToText), turned into rows (ids, date text, data JSON) here; `run` is any other write (retention).
 */
export type LogWorkerRequest =
  | { id: number; kind: 'insert'; entries: string }
  | { id: number; kind: 'run'; sql: string; params: readonly unknown[] }
  | { id: number; kind: 'close' };

export type LogWorkerReply = { id: number; ok: true; changes: number } | { id: number; ok: false; message: string };

export interface LogWorkerSetup {
  file: string;
}

function serve(file: string): void {
  const port = parentPort;
  if (!port) throw new Error('log-worker runs inside a worker thread');
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = NORMAL');
  // a PocketBase auxiliary.db has an `updated` column too: filled like `created`, as PocketBase does
  const columns = db.prepare("SELECT name FROM pragma_table_info('_logs')").all() as Array<{ name: string }>;
  const withUpdated = columns.some((c) => c.name === 'updated');
  const insertOne = db.prepare(
    withUpdated
      ? 'INSERT INTO "_logs" ("id", "created", "level", "message", "data", "updated") VALUES (?, ?, ?, ?, ?, ?)'
      : 'INSERT INTO "_logs" ("id", "created", "level", "message", "data") VALUES (?, ?, ?, ?, ?)',
  );
  const insertAll = db.transaction((rows: readonly LogRow[]) => {
    for (const r of rows) {
      if (withUpdated) insertOne.run(r.id, r.created, r.level, r.message, r.data, r.created);
      else insertOne.run(r.id, r.created, r.level, r.message, r.data);
    }
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
          ? insertAll(entriesToRows(entriesFromText(msg.entries)))
          : db.prepare(msg.sql).run(...msg.params).changes;
      reply = { id: msg.id, ok: true, changes };
    } catch (err) {
      reply = { id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}

serve((workerData as LogWorkerSetup).file);
