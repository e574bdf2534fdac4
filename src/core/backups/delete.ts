import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { logAppInfo } from '../logs/index.js';
import { isBackupKey } from './names.js';
import { backupsState } from './state.js';
import { backupExists, backupsBlob } from './storage.js';

/**
 * Deletes backup `key`: 400 when it is missing or a restore or drill is reading it. The single entry
 * point of deletions (API, schedule pruning).
 */
export async function deleteBackup(app: App, key: string): Promise<void> {
  if (!isBackupKey(key) || !(await backupExists(app, key))) throw Errors.missingBackup();
  if (backupsState(app).inUse.has(key)) throw Errors.backupInUse();
  await backupsBlob(app).delete(key);
  logAppInfo(app, 'backup deleted', { type: 'backup', key });
}
