import { Gauge } from 'prom-client';
import type { App } from '../app.js';
import { drillResults, lastBackupResult } from '../backups/index.js';

const seconds = (iso: string) => {
  const ms = Date.parse(iso.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms / 1000 : 0;
};

/**
 * The last backup attempt and the last restore drill of every kept backup, read at scrape time from
 * the results the backups keep (so they survive restarts). An alert on
 * `basalt_backup_drill_success == 0` or on an old `basalt_backup_last_timestamp_seconds` catches
 * backups that stopped working.
 */
export function addBackupMetrics(app: App): void {
  const registers = [app.metrics.registry];
  new Gauge({
    name: 'basalt_backup_last_success',
    help: 'Whether the last backup attempt of this instance (labelled with its key) succeeded (1) or failed (0); absent before the first.',
    labelNames: ['key'],
    registers,
    collect() {
      this.reset();
      const last = lastBackupResult(app);
      if (last) this.set({ key: last.key }, last.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'basalt_backup_last_timestamp_seconds',
    help: 'When the last backup attempt of this instance finished (Unix time).',
    labelNames: ['key'],
    registers,
    collect() {
      this.reset();
      const last = lastBackupResult(app);
      if (last) this.set({ key: last.key }, seconds(last.finished));
    },
  });
  new Gauge({
    name: 'basalt_backup_last_size_bytes',
    help: 'Size of the archive of the last successful backup attempt.',
    labelNames: ['key'],
    registers,
    collect() {
      this.reset();
      const last = lastBackupResult(app);
      if (last?.ok) this.set({ key: last.key }, last.size);
    },
  });
  new Gauge({
    name: 'basalt_backup_drill_success',
    help: 'Whether the last restore drill of each backup passed (1) or found problems (0).',
    labelNames: ['key'],
    registers,
    collect() {
      this.reset();
      for (const d of drillResults(app)) this.set({ key: d.key }, d.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'basalt_backup_drill_timestamp_seconds',
    help: 'When the last restore drill of each backup ran (Unix time).',
    labelNames: ['key'],
    registers,
    collect() {
      this.reset();
      for (const d of drillResults(app)) this.set({ key: d.key }, seconds(d.checked));
    },
  });
}
