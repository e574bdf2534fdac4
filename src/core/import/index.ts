/**
 * Moves a project (a PocketBase pb_data, or a Basalt SQLite data dir) into the target app's
 * database, PostgreSQL in practice: settings, collections, records (superusers included) and files,
 * then checks every collection on both sides. Every write is an upsert and a file already copied
 * is skipped, so a run that was cut short is completed by running it again.
 */
import { join, resolve } from 'node:path';
import type { App } from '../app.js';
import { loadCollections } from '../collections/rows.js';
import { applyCollections, inCreationOrder } from './collections.js';
import { collectionFileKeys, copyFile } from './files.js';
import { copyRecords, countRows } from './records.js';
import { copySettings } from './settings.js';
import type { ImportReport, ImportSource, ProgressFn } from './types.js';
import { verifyCollection } from './verify.js';

export type { CollectionCheck, ImportProgress, ImportReport, ImportSource, ProgressFn } from './types.js';

/** True when the target reads files from the very folder the source keeps them in. */
function filesInPlace(source: ImportSource, target: App): boolean {
  const blob = target.files.blob();
  return blob.kind === 'local' && resolve(target.config.dataDir) === resolve(source.dir);
}

export async function importProject(
  source: ImportSource,
  target: App,
  progress: ProgressFn = () => undefined,
): Promise<ImportReport> {
  const settingsCopied = await copySettings(source.db, target);
  const collections = inCreationOrder(await loadCollections(source.db));
  const total = collections.length;
  progress({ phase: 'collections', done: 0, total });
  const failedViews = await applyCollections(target, collections, (done) =>
    progress({ phase: 'collections', done, total }),
  );
  const tables = collections.filter((c) => c.type !== 'view');
  for (const c of tables) {
    const rows = await countRows(source.db, c.name);
    progress({ phase: 'records', collection: c.name, done: 0, total: rows });
    await copyRecords(source.db, target, c, (done) =>
      progress({ phase: 'records', collection: c.name, done, total: rows }),
    );
  }
  const inPlace = filesInPlace(source, target);
  const targetFiles = target.files.blob();
  if (!inPlace) {
    const tmp = join(target.config.dataDir, '.import-tmp');
    for (const c of tables) {
      const keys: string[] = [];
      for await (const key of collectionFileKeys(source.db, c)) keys.push(key);
      if (keys.length === 0) continue;
      let done = 0;
      for (const key of keys) {
        await copyFile(source.files, targetFiles, key, tmp);
        progress({ phase: 'files', collection: c.name, done: ++done, total: keys.length });
      }
    }
  }
  const checks = [];
  const sides = { source: source.db, target: target.store, sourceFiles: source.files, targetFiles };
  for (const [i, c] of collections.entries()) {
    if (failedViews[c.name] !== undefined) continue;
    checks.push(await verifyCollection(sides, c));
    progress({ phase: 'verify', collection: c.name, done: i + 1, total });
  }
  const ok = checks.every((c) => c.ok) && Object.keys(failedViews).length === 0;
  return { collections: checks, failedViews, settingsCopied, filesInPlace: inPlace, ok };
}
