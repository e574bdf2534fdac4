/**
 * Deleting and restoring a backup are destructive (a restore replaces every record): under the
 * two-person rule they wait for a second superuser like deleting a collection does.
 */
import { defineGuardedAction } from '../approvals/actions.js';
import { Errors } from '../errors.js';
import { deleteBackup } from './delete.js';
import { isBackupKey } from './names.js';
import { restoreBackup } from './restore.js';
import { backupExists } from './storage.js';

const keyOf = (p: Record<string, unknown>) => (typeof p.key === 'string' ? p.key : '');

/** A missing backup is refused at once (400), not after someone approved it. */
async function mustExist(app: Parameters<typeof backupExists>[0], p: Record<string, unknown>): Promise<void> {
  const key = keyOf(p);
  if (!isBackupKey(key) || !(await backupExists(app, key))) throw Errors.missingBackup();
}

defineGuardedAction('backups.delete', {
  target: keyOf,
  check: (app, p) => mustExist(app, p),
  run: (app, p) => deleteBackup(app, keyOf(p)),
});

defineGuardedAction('backups.restore', {
  target: keyOf,
  check: (app, p) => mustExist(app, p),
  run: async (app, p) => {
    const job = await restoreBackup(app, keyOf(p));
    // the restore goes on after the answer; its outcome is logged
    job.finished.catch(() => undefined);
  },
});
