import type { App } from '../app.js';
import { sweepUnreferencedFiles } from '../files/sweep.js';
import { deleteExpiredAuthRows } from './auth-cleanup.js';

/** Ids and schedules of the jobs Basalt registers itself (PocketBase's names, so tools see the same list). */
export const BUILTIN_JOBS = {
  dbOptimize: { id: '__pbDBOptimize__', expression: '0 0 * * *' },
  mfaCleanup: { id: '__pbMFACleanup__', expression: '0 * * * *' },
  otpCleanup: { id: '__pbOTPCleanup__', expression: '0 * * * *' },
  logsCleanup: { id: '__pbLogsCleanup__', expression: '0 */6 * * *' },
  rateLimitersCleanup: { id: '__pbRateLimitersCleanup__', expression: '2 * * * *' },
  filesCleanup: { id: '__basaltFilesCleanup__', expression: '17 3 * * *' },
  webhookDeliveriesCleanup: { id: '__basaltWebhookDeliveriesCleanup__', expression: '41 4 * * *' },
} as const;

/** Registers the built-in jobs whose feature is always there: database maintenance and MFA/OTP cleanup. */
export function registerBuiltinJobs(app: App): void {
  const { dbOptimize, mfaCleanup, otpCleanup } = BUILTIN_JOBS;
  app.cron.add(dbOptimize.id, dbOptimize.expression, () => app.store.optimize());
  app.cron.add(mfaCleanup.id, mfaCleanup.expression, () => deleteExpiredAuthRows(app, '_mfas', 'mfa'));
  app.cron.add(otpCleanup.id, otpCleanup.expression, () => deleteExpiredAuthRows(app, '_otps', 'otp'));
}

/** Registers `__pbLogsCleanup__` (every 6 hours) running `cleanup(app)`, e.g. the logs' `deleteOldLogs`. */
export function addLogsCleanupJob(app: App, cleanup: (app: App) => unknown): void {
  const { id, expression } = BUILTIN_JOBS.logsCleanup;
  app.cron.add(id, expression, () => cleanup(app));
}

/**
 * Registers `__pbRateLimitersCleanup__` (minute 2 of every hour) running `prune(app)`, e.g. the rate
 * limiter's `pruneRateLimiters`. Meant to be called when a rate limiter is first used; calling it
 * again changes nothing.
 */
export function addRateLimitersCleanupJob(app: App, prune: (app: App) => unknown): void {
  const { id, expression } = BUILTIN_JOBS.rateLimitersCleanup;
  if (!app.cron.has(id)) app.cron.add(id, expression, () => prune(app));
}

/** Registers `__basaltFilesCleanup__` (daily, 03:17): removes stored files no record names and stale uploads. */
export function addFilesCleanupJob(app: App): void {
  const { id, expression } = BUILTIN_JOBS.filesCleanup;
  app.cron.add(id, expression, () => sweepUnreferencedFiles(app));
}

/** Registers `__basaltWebhookDeliveriesCleanup__` (daily, 04:41) running `cleanup(app)`: delivery records past `webhooks.maxDays`. */
export function addWebhookDeliveriesCleanupJob(app: App, cleanup: (app: App) => unknown): void {
  const { id, expression } = BUILTIN_JOBS.webhookDeliveriesCleanup;
  app.cron.add(id, expression, () => cleanup(app));
}
