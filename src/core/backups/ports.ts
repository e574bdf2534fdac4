import type { BlobStore } from '../../blob/blob.js';
import type { FileInspection, TableShape } from '../../store/backup.js';
import type { Store } from '../../store/store.js';
import type { DataDirFacts } from '../pocketbase/layout.js';
import type { S3Settings } from '../settings/settings.js';

/**
 * What backups need of the adapters; main.ts plugs them in (core never imports an adapter). SQLite
 * files appear here whatever the app's database: a backup's `data.db` is one, and a restore into
 * SQLite stages a fresh one.
 */
export interface BackupPorts {
  /** the backups storage: local `<dataDir>/backups` for null, else the bucket of `backups.s3` */
  blob(s3: Readonly<S3Settings> | null): BlobStore;
  /** writes a consistent copy of the SQLite file `source` to `dest`, off the main thread */
  copyFile(source: string, dest: string): Promise<void>;
  /** `PRAGMA integrity_check` and table digests of a SQLite file, off the main thread */
  inspectFile(file: string, tables: TableShape[]): Promise<FileInspection>;
  /** every row of a table of a SQLite file (a backup's collections), off the main thread */
  readRows(file: string, table: string): Promise<Record<string, unknown>[]>;
  /** opens (or creates) a SQLite file as a store with the internal tables in place */
  openFile(file: string): Promise<Store>;
  /** what the `data.db` in folder `dir` holds (tables, migrations, params), read without changing it */
  inspectDir(dir: string): DataDirFacts | null;
  /** the names Basalt's system migrations are recorded under */
  systemMigrations: ReadonlySet<string>;
  /** the SQLite file holding the logs beside the data (`auxiliary.db`), or null when logs live in the database */
  auxiliaryFile: string | null;
}

/**
 * Runs a restore's swap with no app open on the data: the serve command (or the CLI) closes the app,
 * calls `swap`, and boots a fresh app on the same address. When the fresh app does not open it calls
 * `rollback` and boots the previous data again; once it opened it calls `commit`.
 */
export interface RestartPlan {
  swap(): Promise<void>;
  rollback(): Promise<void>;
  commit(): Promise<void>;
}

export type Restarter = (plan: RestartPlan) => Promise<void>;
