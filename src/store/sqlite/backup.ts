import { Worker } from 'node:worker_threads';
import type { TableShape } from '../backup.js';
import type { BackupReply, BackupTask, InspectResult } from './backup-worker.js';

export type { InspectResult } from './backup-worker.js';

/** The worker entry: compiled JavaScript next to this file, or the TypeScript source under tsx. */
function startWorker(task: BackupTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./backup-worker.js', here), { workerData: task });
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./backup-worker.ts', here).href);
  const boot = `import(${loader}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}

/** Runs one task in its own worker thread, so the event loop keeps serving meanwhile. */
function runTask(task: BackupTask): Promise<InspectResult | unknown[] | null> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(task);
    let settled = false;
    worker.once('message', (reply: BackupReply) => {
      settled = true;
      if (reply.ok) resolve(reply.value);
      else reject(Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {}));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the backup worker stopped (exit code ${code})`));
    });
  });
}

/** Writes a consistent copy of the SQLite file `source` to `dest` (which must not exist), off the main thread. */
export async function copySqliteFile(source: string, dest: string): Promise<void> {
  await runTask({ op: 'copy', source, dest });
}

/** Runs `PRAGMA integrity_check` on `file` and digests the given tables, off the main thread. */
export async function inspectSqliteFile(file: string, tables: TableShape[]): Promise<InspectResult> {
  return (await runTask({ op: 'inspect', file, tables })) as InspectResult;
}

/** Every row of `table` in the SQLite file `file` (small tables: the collections of a backup). */
export async function readSqliteRows(file: string, table: string): Promise<Record<string, unknown>[]> {
  return (await runTask({ op: 'rows', file, table })) as Record<string, unknown>[];
}
