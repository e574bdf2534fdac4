import { Registry } from 'prom-client';
import { processMetricsText } from './process-metrics.js';

/**
 * The metrics of one app, in the Prometheus text format. Each app has a registry of its own (several
 * apps may run in one process); the process metrics (CPU, memory, event loop, GC) are shared by every
 * app of the process and added when the text is built.
 *
 * Other parts add their metrics by registering prom-client metrics on `registry`, e.g.
 * `new Gauge({ name: 'basalt_backups_total', help: '…', registers: [app.metrics.registry], collect() {…} })`;
 * a `collect` callback runs on every scrape, so values read at scrape time cost nothing in between.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /**
   * False while `metrics.enabled` is off: requests and database statements are not timed (the
   * only per-request costs of metrics); everything read at scrape time is still there.
   */
  collecting = true;

  /** The Content-Type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric of the app, then those of the process. */
  async text(): Promise<string> {
    const [own, processText] = await Promise.all([this.registry.metrics(), processMetricsText()]);
    return `${own}${own.endsWith('\n') || own === '' ? '' : '\n'}${processText}`;
  }
}
