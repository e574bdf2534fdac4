/** Names a user gives a new backup (`POST /api/backups`). */
const NEW_NAME = /^[a-z0-9_-]+\.zip$/;
export const MAX_NAME_LENGTH = 150;

/**
 * Keys of stored backups: uploads keep their original file name, so more characters pass than for a
 * new name, but never a path separator, a leading dot or anything outside one folder.
 */
const KEY = /^[A-Za-z0-9@_][A-Za-z0-9@_.+-]*\.zip$/;

export function isNewBackupName(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && NEW_NAME.test(name);
}

export function isBackupKey(key: string): boolean {
  return key.length <= 255 && KEY.test(key) && !key.includes('..');
}

/** `snake_case` of the app name, at most 50 characters, `pb` when nothing is left. */
function snake(appName: string): string {
  const s = appName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 50);
  return s === '' ? 'pb' : s;
}

/** `pb_backup_<app>_<UTC YYYYMMDDHHMMSS>.zip`, with the `@auto_` prefix for scheduled backups. */
export function defaultBackupName(appName: string, auto: boolean, now = new Date()): string {
  const ts = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:T]/g, '');
  return `${auto ? '@auto_' : ''}pb_backup_${snake(appName)}_${ts}.zip`;
}

export const AUTO_PREFIX = '@auto_pb_backup_';
