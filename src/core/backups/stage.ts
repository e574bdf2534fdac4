import { dirname, join } from 'node:path';
import type { FileInspection } from '../../store/backup.js';
import type { App } from '../app.js';
import { collectionFromRow } from '../collections/rows.js';
import { Errors } from '../errors.js';
import { type DataDirLayout, judgeDataDir, UnsupportedDataDir } from '../pocketbase/layout.js';
import { importData } from './import.js';
import { compareDigests, tableShapes } from './manifest.js';
import type { OpenedBackup } from './open-backup.js';
import { portableSource } from './source.js';
import { portsOf } from './state.js';

/**
 * Writes the backup's database as a SQLite file at `file` (unpacked, or built from a portable
 * archive), then proves it: integrity check, and digests equal to the manifest's. Returns what the
 * check found; throws 400 when the file is not sound.
 */
export async function stageSqliteFile(app: App, backup: OpenedBackup, file: string): Promise<FileInspection> {
  const ports = portsOf(app);
  if (backup.layout === 'sqlite') {
    await backup.archive.extract('data.db', file);
    judgeStagedDatabase(app, dirname(file));
  } else {
    const store = await ports.openFile(file);
    try {
      const source = await portableSource(backup.archive);
      await store.transaction((tx) => importData(tx, source));
    } finally {
      await store.close();
    }
  }
  return checkSqliteFile(app, backup, file);
}

/** Integrity check and manifest comparison of a staged SQLite file; 400 with what is wrong. */
export async function checkSqliteFile(app: App, backup: OpenedBackup, file: string): Promise<FileInspection> {
  const ports = portsOf(app);
  let inspection: FileInspection;
  try {
    const collections = (await ports.readRows(file, '_collections')).map(collectionFromRow);
    inspection = await ports.inspectFile(file, tableShapes(collections));
  } catch (err) {
    app.log.warn({ err }, 'backups: the restored database cannot be read');
    throw Errors.invalidBackupArchive('The backup database cannot be opened.');
  }
  const problems = problemsOf(backup, inspection);
  if (problems.length > 0) throw Errors.invalidBackupArchive(`The backup does not check out: ${problems[0]}.`);
  return inspection;
}

/** Integrity lines that are not `ok`, then differences from the manifest. */
export function problemsOf(backup: OpenedBackup, inspection: FileInspection): string[] {
  const problems = inspection.integrity.join() === 'ok' ? [] : inspection.integrity.slice(0, 5);
  if (backup.manifest) problems.push(...compareDigests(backup.manifest.collections, inspection.digests));
  return problems;
}

/** Unpacks the backup's local storage files and logs database beside a staged `data.db`. */
export async function stageSideFiles(backup: OpenedBackup, staging: string, withLogs: boolean): Promise<void> {
  await backup.archive.extractFolder('storage/', join(staging, 'storage'));
  if (withLogs && backup.archive.has('auxiliary.db')) {
    await backup.archive.extract('auxiliary.db', join(staging, 'auxiliary.db'));
  }
}

/**
 * Whose database a backup's `data.db` (unpacked into `dir`) is: Basalt's, or PocketBase's (a
 * PocketBase backup zip is pb_data zipped). PocketBase data of a layout Basalt cannot serve is a 400
 * before anything is swapped.
 */
export function judgeStagedDatabase(app: App, dir: string): DataDirLayout {
  try {
    return judgeDataDir('The backup', portsOf(app).inspectDir(dir));
  } catch (err) {
    if (err instanceof UnsupportedDataDir) throw Errors.invalidBackupArchive(err.message);
    throw err;
  }
}
