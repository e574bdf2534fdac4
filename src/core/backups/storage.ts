import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../blob/blob.js';
import { randomString } from '../../lib/random.js';
import { formatDate } from '../../lib/time.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { isBackupKey } from './names.js';
import { backupsState, portsOf } from './state.js';

/** One stored backup, as `GET /api/backups` lists it. */
export interface BackupInfo {
  key: string;
  size: number;
  modified: string;
}

/** The backups storage in force: local `<dataDir>/backups`, or the bucket of `backups.s3` when enabled. */
export function backupsBlob(app: App): BlobStore {
  const state = backupsState(app);
  const s3 = app.settings.get().backups.s3;
  const signature = s3.enabled
    ? JSON.stringify([s3.endpoint, s3.bucket, s3.region, s3.accessKey, s3.secret, s3.forcePathStyle])
    : '';
  if (state.blob?.signature === signature) return state.blob.store;
  const old = state.blob?.store;
  const store = portsOf(app).blob(s3.enabled ? s3 : null);
  state.blob = { signature, store };
  if (old) void old.close().catch(() => undefined);
  return store;
}

/** Every backup, newest first. A storage that cannot be read gives 400 "Failed to load backups filesystem.". */
export async function listBackups(app: App): Promise<BackupInfo[]> {
  const out: Array<BackupInfo & { at: number }> = [];
  try {
    for await (const info of backupsBlob(app).list('')) {
      if (!isBackupKey(info.key)) continue;
      out.push({ key: info.key, size: info.size, modified: formatDate(info.modified), at: info.modified.getTime() });
    }
  } catch (err) {
    app.log.warn({ err }, 'backups: the storage could not be listed');
    throw Errors.backupsStorageFailed();
  }
  out.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : -1));
  return out.map(({ at: _, ...info }) => info);
}

/** True when a backup is stored under `key` (an invalid key never is). */
export async function backupExists(app: App, key: string): Promise<boolean> {
  if (!isBackupKey(key)) return false;
  return backupsBlob(app).exists(key);
}

/** A private scratch folder under the data directory, removed by `dispose`. */
export async function scratchDir(app: App, what: string): Promise<{ path: string; dispose(): Promise<void> }> {
  const path = join(app.config.dataDir, '.backups-tmp', `${what}-${randomString(10)}`);
  await mkdir(path, { recursive: true });
  return { path, dispose: () => rm(path, { recursive: true, force: true }) };
}

/** Copies the stored backup `key` to the local file `dest` (restores and drills read it from disk). */
export async function fetchBackup(app: App, key: string, dest: string): Promise<void> {
  if (!(await backupExists(app, key))) throw Errors.missingBackup();
  await pipeline(await backupsBlob(app).get(key), createWriteStream(dest, { flags: 'wx' }));
}
