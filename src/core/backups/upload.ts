import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { V } from '../validation.js';
import { isBackupKey } from './names.js';
import { openArchiveFile } from './open-backup.js';
import { backupExists, backupsBlob } from './storage.js';

/**
 * Stores the uploaded archive at local path `file` under its original name `name`. It must be a
 * backup this app can restore (a zip with `data.db`, or a portable archive with its manifest, with
 * safe paths and within the unpacking bounds) and the name must be free; otherwise 400 and nothing
 * is stored. The local file is gone afterwards.
 */
export async function uploadBackup(app: App, name: string, file: string): Promise<void> {
  if (!isBackupKey(name)) throw Errors.invalidBackupUpload({ file: V.backupNameInvalid() });
  if (await backupExists(app, name)) throw Errors.invalidBackupUpload({ file: V.backupNameExists() });
  const opened = await openArchiveFile(file);
  opened.archive.close();
  await backupsBlob(app).putFile(name, file, 'application/zip');
}
