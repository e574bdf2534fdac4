import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app.js';
import { collectionFromRow } from '../collections/rows.js';
import { type ArchiveEntry, folderEntries, writeArchive } from './archive-write.js';
import { MANIFEST_NAME, newManifest, tableShapes } from './manifest.js';
import { portsOf } from './state.js';

/**
 * A PocketBase-compatible zip of the data directory: `data.db` and `auxiliary.db` copied as of one
 * moment each (VACUUM INTO in a worker thread: writers carry on), the local storage files, never the
 * backups folder; plus the manifest, digested from the copy itself.
 */
export async function writeSqliteArchive(app: App, file: string, work: string, dest: string): Promise<void> {
  const ports = portsOf(app);
  const db = join(work, 'data.db');
  await ports.copyFile(file, db);
  const entries: ArchiveEntry[] = [{ name: 'data.db', file: db }];
  if (ports.auxiliaryFile && existsSync(ports.auxiliaryFile)) {
    const aux = join(work, 'auxiliary.db');
    await ports.copyFile(ports.auxiliaryFile, aux);
    entries.push({ name: 'auxiliary.db', file: aux });
  }
  const collections = (await ports.readRows(db, '_collections')).map(collectionFromRow);
  const inspection = await ports.inspectFile(db, tableShapes(collections));
  if (inspection.integrity.join() !== 'ok') {
    throw new Error(`the database copy failed its integrity check: ${inspection.integrity.slice(0, 3).join('; ')}`);
  }
  const files = app.settings.get().s3.enabled
    ? []
    : await folderEntries(join(app.config.dataDir, 'storage'), 'storage');
  entries.push(...files);
  const manifest = newManifest({
    layout: 'sqlite',
    appName: app.settings.get().meta.appName,
    source: app.store.dialect.name,
    collections: inspection.digests,
    files: files.length,
  });
  entries.push({ name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifest, null, 2)) });
  await writeArchive(dest, entries);
}
