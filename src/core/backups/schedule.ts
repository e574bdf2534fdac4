import type { App } from '../app.js';
import { createBackup } from './create.js';
import { deleteBackup } from './delete.js';
import { drillNewest } from './drill.js';
import { AUTO_PREFIX } from './names.js';
import { listBackups } from './storage.js';

export const AUTO_BACKUP_JOB = '__pbAutoBackup__';
export const DRILL_JOB = '__basaltBackupDrill__';
/** The drill's schedule when backups are scheduled and `backups.drillCron` is empty: daily at 04:30 UTC. */
export const DEFAULT_DRILL_CRON = '30 4 * * *';

/** A scheduled backup, then pruning of the scheduled ones beyond `cronMaxKeep` (oldest first). */
export async function autoBackup(app: App): Promise<void> {
  await createBackup(app, { auto: true });
  const keep = Math.max(1, app.settings.get().backups.cronMaxKeep);
  const autos = (await listBackups(app)).filter((b) => b.key.startsWith(AUTO_PREFIX));
  for (const old of autos.slice(keep)) await deleteBackup(app, old.key);
}

/**
 * Keeps the two jobs in line with the settings: `__pbAutoBackup__` on `backups.cron` when set, and
 * `__basaltBackupDrill__` on `backups.drillCron`, or daily when only backups are scheduled.
 */
export function scheduleBackupJobs(app: App): () => void {
  let applied = { backup: '', drill: '' };
  const apply = () => {
    const { cron, drillCron } = app.settings.get().backups;
    const backup = cron.trim();
    const drill = drillCron.trim() !== '' ? drillCron.trim() : backup !== '' ? DEFAULT_DRILL_CRON : '';
    // other settings changed: the schedules (and a run in progress) stay as they are
    if (backup === applied.backup && drill === applied.drill) return;
    if (backup !== '') app.cron.add(AUTO_BACKUP_JOB, backup, () => autoBackup(app));
    else app.cron.remove(AUTO_BACKUP_JOB);
    if (drill !== '') app.cron.add(DRILL_JOB, drill, () => drillNewest(app));
    else app.cron.remove(DRILL_JOB);
    applied = { backup, drill };
  };
  apply();
  return app.settings.onChange(apply);
}
