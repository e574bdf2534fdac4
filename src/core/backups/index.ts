// the guarded actions (two-person rule) of deletions and restores
import './guarded.js';

export { ARCHIVE_LIMITS } from './archive-read.js';
export { type CreateOptions, createBackup } from './create.js';
export { deleteBackup } from './delete.js';
export { drillBackup, drillNewest } from './drill.js';
export { MANIFEST_NAME, type Manifest } from './manifest.js';
export { isBackupKey } from './names.js';
export type { BackupPorts, Restarter, RestartPlan } from './ports.js';
export { type RestoreJob, restoreBackup } from './restore.js';
export { type BackupResult, type DrillResult, drillResultOf, drillResults, lastBackupResult } from './results.js';
export { AUTO_BACKUP_JOB, DRILL_JOB, scheduleBackupJobs } from './schedule.js';
export { backupBusy, setRestarter, useBackupPorts } from './state.js';
export { type BackupInfo, backupExists, backupsBlob, listBackups, scratchDir } from './storage.js';
export { recoverInterruptedRestore } from './swap.js';
export { uploadBackup } from './upload.js';
