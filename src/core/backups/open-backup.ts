import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { Archive } from './archive-read.js';
import { MANIFEST_NAME, type Manifest, parseManifest } from './manifest.js';
import { fetchBackup } from './storage.js';
import { PORTABLE } from './write-portable.js';

/** A backup archive checked for shape: a PocketBase zip (no manifest) or one of ours. */
export interface OpenedBackup {
  archive: Archive;
  layout: 'sqlite' | 'portable';
  /** null for a PocketBase zip, which has none */
  manifest: Manifest | null;
}

/**
 * Opens the archive at `path` and checks it is a backup this app can restore: a `data.db` (with or
 * without our manifest) or a portable archive with its manifest. Anything else is a 400.
 */
export async function openArchiveFile(path: string): Promise<OpenedBackup> {
  const archive = await Archive.open(path, (await stat(path)).size);
  try {
    const manifest = archive.has(MANIFEST_NAME) ? parseManifest(await archive.read(MANIFEST_NAME)) : null;
    const layout = manifest?.layout ?? 'sqlite';
    if (layout === 'sqlite' && !archive.has('data.db')) {
      throw Errors.invalidBackupArchive('The archive holds no data.db: it is not a backup of this app.');
    }
    if (layout === 'portable' && !archive.has(PORTABLE.collections)) {
      throw Errors.invalidBackupArchive('The portable backup has no collections.');
    }
    return { archive, layout, manifest };
  } catch (err) {
    archive.close();
    throw err;
  }
}

/** Copies stored backup `key` into `dir` and opens it. */
export async function openStoredBackup(app: App, key: string, dir: string): Promise<OpenedBackup> {
  const path = join(dir, 'backup.zip');
  await fetchBackup(app, key, path);
  return openArchiveFile(path);
}
