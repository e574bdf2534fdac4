import type { App } from '../app.js';
import { addBackupMetrics } from './backup-metrics.js';
import { addRuntimeMetrics } from './runtime-metrics.js';
import { addStoreMetrics } from './store-metrics.js';

export { AppMetrics } from './app-metrics.js';

/**
 * Registers the app's own metrics (database, pool, realtime, outbox, cron, backups and drills, build) and follows
 * `metrics.enabled`: while it is off, requests and statements are not timed.
 */
export function startMetrics(app: App): void {
  addRuntimeMetrics(app);
  addBackupMetrics(app);
  const timeStatements = addStoreMetrics(app);
  const apply = (enabled: boolean) => {
    app.metrics.collecting = enabled;
    timeStatements(enabled);
  };
  apply(app.settings.get().metrics.enabled);
  const stop = app.settings.onChange((next, previous) => {
    if (next.metrics.enabled !== previous.metrics.enabled) apply(next.metrics.enabled);
  });
  app.onClose(async () => {
    stop();
    app.store.queryObserver = null;
  });
}
