import type { Settings } from './settings.js';

/**
 * The settings as the API shows them: the secrets (`smtp.password`, `s3.secret`,
 * `backups.s3.secret`, `metrics.token`) are left out entirely, not masked, as PocketBase answers. A PATCH that
 * leaves them out keeps the stored values, since the merge only touches keys it is sent.
 */
export function publicSettings(settings: Readonly<Settings>): Record<string, unknown> {
  const { password: _smtpPassword, ...smtp } = settings.smtp;
  const { secret: _s3Secret, ...s3 } = settings.s3;
  const { secret: _backupsSecret, ...backupsS3 } = settings.backups.s3;
  const { token: _metricsToken, ...metrics } = settings.metrics;
  return structuredClone({ ...settings, smtp, s3, backups: { ...settings.backups, s3: backupsS3 }, metrics });
}
