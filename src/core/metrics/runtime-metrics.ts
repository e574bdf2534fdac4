import { Counter, Gauge, Histogram } from 'prom-client';
import { packageVersion } from '../../lib/package-version.js';
import type { App } from '../app.js';
import { outboxDepth } from '../outbox/depth.js';

/** Seconds a cron job may take, from a quick cleanup to a long backup. */
const CRON_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

/** The build, realtime clients, outbox depth and cron runs. */
export function addRuntimeMetrics(app: App): void {
  const registers = [app.metrics.registry];
  new Gauge({
    name: 'basalt_build_info',
    help: 'Always 1; the labels name the version and the database.',
    labelNames: ['version', 'database'],
    registers,
  }).set({ version: packageVersion(), database: app.store.dialect.name }, 1);
  new Gauge({
    name: 'basalt_realtime_clients',
    help: 'Realtime (SSE) clients connected to this instance.',
    registers,
    collect() {
      this.set(app.realtime.clientCount());
    },
  });
  const outbox = new Gauge({
    name: 'basalt_outbox_items',
    help: 'Outbox items not sent yet, by state (pending, sending, failed), for every instance on the database.',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        const depth = await outboxDepth(app.store);
        for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
      } catch (err) {
        // a database that cannot answer leaves the gauge empty; the scrape itself still succeeds
        outbox.reset();
        app.log.debug({ err }, 'metrics: outbox depth unavailable');
      }
    },
  });
  const runs = new Counter({
    name: 'basalt_cron_runs_total',
    help: 'Cron job runs on this instance, by job and outcome (success, failure).',
    labelNames: ['job', 'outcome'],
    registers,
  });
  const durations = new Histogram({
    name: 'basalt_cron_run_duration_seconds',
    help: 'Time of cron job runs on this instance, by job.',
    labelNames: ['job'],
    buckets: CRON_BUCKETS,
    registers,
  });
  app.cron.onRun = (job, seconds, ok) => {
    runs.inc({ job, outcome: ok ? 'success' : 'failure' });
    durations.observe({ job }, seconds);
  };
}
