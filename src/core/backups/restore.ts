import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from '../../store/sql.js';
import type { Queryable, Store } from '../../store/store.js';
import type { App } from '../app.js';
import { collectionsTransaction } from '../collections/changes.js';
import { Errors } from '../errors.js';
import { LAYOUT_PARAM } from '../pocketbase/layout.js';
import { SETTINGS_CHANNEL } from '../settings/persist.js';
import { digestTables, importData } from './import.js';
import { compareDigests } from './manifest.js';
import { isBackupKey } from './names.js';
import { type OpenedBackup, openStoredBackup } from './open-backup.js';
import type { Restarter } from './ports.js';
import { databaseSource, type ImportSource, portableSource } from './source.js';
import { checkSqliteFile, judgeStagedDatabase, stageSideFiles, stageSqliteFile } from './stage.js';
import { backupsState, claimBusy, portsOf, useKey } from './state.js';
import { backupExists, scratchDir } from './storage.js';
import { commitSwap, rollbackSwap, STAGING, swapIn } from './swap.js';

export interface RestoreJob {
  /** settles once the app runs on the restored data (or the restore failed and the previous data serves on) */
  finished: Promise<void>;
}

/**
 * Restores backup `key`: checks it is there and is a backup this app can read (400 otherwise), then
 * goes on in the background: stages and proves the restored data while the app keeps serving, and
 * swaps it in through the restart seam. The single entry point of restores (API, CLI).
 */
export async function restoreBackup(app: App, key: string): Promise<RestoreJob> {
  if (!isBackupKey(key) || !(await backupExists(app, key))) throw Errors.missingBackup();
  const restarter = backupsState(app).restarter;
  if (!restarter)
    throw new Error('restores need a restart seam (setRestarter): the serve command or the CLI installs it');
  const busy = claimBusy(app, 'restore');
  const unuse = useKey(app, key);
  const release = () => {
    unuse();
    busy();
  };
  let work: Awaited<ReturnType<typeof scratchDir>> | undefined;
  let backup: OpenedBackup;
  try {
    if (!(await backupExists(app, key))) throw Errors.missingBackup();
    work = await scratchDir(app, 'restore');
    backup = await openStoredBackup(app, key, work.path);
  } catch (err) {
    release();
    await work?.dispose();
    throw err;
  }
  const scratch = work;
  const finished = (async () => {
    try {
      await runRestore(app, backup, scratch.path, restarter);
    } catch (err) {
      app.log.error({ err, key }, 'restore failed: the previous data serves on');
      throw err;
    } finally {
      backup.archive.close();
      release();
      await scratch.dispose();
    }
  })();
  return { finished };
}

async function runRestore(app: App, backup: OpenedBackup, work: string, restarter: Restarter): Promise<void> {
  const dataDir = app.config.dataDir;
  const staging = join(dataDir, STAGING);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  if (app.store.backupSource.kind === 'file') {
    await stageSqliteFile(app, backup, join(staging, 'data.db'));
    await stageSideFiles(backup, staging, true);
  } else {
    await replaceServerData(app, backup, work);
    await stageSideFiles(backup, staging, false);
  }
  await restarter({
    swap: () => swapIn(dataDir),
    rollback: () => rollbackSwap(dataDir),
    commit: () => commitSwap(dataDir),
  });
}

/**
 * A server database is replaced in one transaction, checked against the manifest before it commits:
 * until then every instance serves the previous data, and a failure leaves it untouched.
 */
async function replaceServerData(app: App, backup: OpenedBackup, work: string): Promise<void> {
  let opened: Store | null = null;
  let source: ImportSource;
  let pocketbase = false;
  if (backup.layout === 'sqlite') {
    const file = join(work, 'data.db');
    await backup.archive.extract('data.db', file);
    await checkSqliteFile(app, backup, file);
    pocketbase = judgeStagedDatabase(app, work) === 'pocketbase';
    opened = await portsOf(app).openFile(file);
    source = await databaseSource(opened);
  } else {
    source = await portableSource(backup.archive);
  }
  try {
    await collectionsTransaction(app, async (tx) => {
      await importData(tx, pocketbase ? await asServerData(app, tx, source) : source);
      if (backup.manifest) {
        const problems = compareDigests(backup.manifest.collections, await digestTables(tx, source.collections));
        if (problems.length > 0) throw Errors.invalidBackupArchive(`The backup does not check out: ${problems[0]}.`);
      }
      await app.store.notify(SETTINGS_CHANNEL, '', tx);
    });
  } finally {
    await opened?.close();
  }
}

/**
 * PocketBase data (a PocketBase backup, or a Basalt backup of a PocketBase folder served in place)
 * moving into a server database stops being PocketBase's: its history of PocketBase's own migrations
 * means nothing there, and the in-place marker must not come along. The system migrations the
 * database already has stay recorded, as their tables stay; the system collections come from the
 * backup, which PocketBase made itself.
 */
async function asServerData(app: App, tx: Queryable, source: ImportSource): Promise<ImportSource> {
  const system = portsOf(app).systemMigrations;
  const rows = await tx.all<{ file: string; applied: number }>(sql`SELECT * FROM ${sql.id('_migrations')}`);
  return {
    ...source,
    params: source.params.filter((p) => p.id !== LAYOUT_PARAM),
    migrations: rows
      .filter((r) => system.has(String(r.file)))
      .map((r) => ({ file: String(r.file), applied: Number(r.applied) })),
  };
}
