import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type FileInspection, type TableDigest, TableDigester, type TableShape } from '../backup.js';
import { sqliteDialect } from './dialect.js';

/** One task per worker: copy a database file as of one moment, or check a copy. */
export type BackupTask =
  | { op: 'copy'; source: string; dest: string }
  | { op: 'inspect'; file: string; tables: TableShape[] }
  | { op: 'rows'; file: string; table: string };

export type InspectResult = FileInspection;

export type BackupReply =
  | { ok: true; value: InspectResult | unknown[] | null }
  | { ok: false; message: string; code?: string };

/**
 * `VACUUM INTO` from a read-only connection: the copy is one consistent snapshot of the file (a WAL
 * read transaction), writers on other connections carry on meanwhile, and the copy is compact and
 * in rollback-journal mode, the plain file PocketBase expects.
 */
function copy(source: string, dest: string): null {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('VACUUM INTO ?').run(dest);
  } finally {
    db.close();
  }
  return null;
}

function inspect(file: string, tables: TableShape[]): InspectResult {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<Record<string, unknown>>).map((r) =>
      String(Object.values(r)[0]),
    );
    const digests: Record<string, TableDigest> = {};
    for (const shape of tables) {
      const digester = new TableDigester(shape, sqliteDialect.decode);
      const cols = shape.columns.map((c) => sqliteDialect.quote(c.name)).join(', ');
      const stmt = db.prepare(`SELECT ${cols} FROM ${sqliteDialect.quote(shape.table)}`);
      for (const row of stmt.iterate()) digester.add(row as Record<string, unknown>);
      digests[shape.table] = digester.result();
    }
    return { integrity, digests };
  } finally {
    db.close();
  }
}

function rows(file: string, table: string): unknown[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM ${sqliteDialect.quote(table)}`).all();
  } finally {
    db.close();
  }
}

function perform(task: BackupTask): InspectResult | unknown[] | null {
  if (task.op === 'copy') return copy(task.source, task.dest);
  if (task.op === 'rows') return rows(task.file, task.table);
  return inspect(task.file, task.tables);
}

function run(task: BackupTask): BackupReply {
  try {
    return { ok: true, value: perform(task) };
  } catch (err) {
    const e = err as { message?: unknown; code?: unknown };
    return {
      ok: false,
      message: typeof e?.message === 'string' ? e.message : String(err),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    };
  }
}

parentPort?.postMessage(run(workerData as BackupTask));
