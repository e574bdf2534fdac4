import type { Registry } from 'prom-client';

/** Adds one observation (seconds) to one labelled series. */
export type Observe = (value: number) => void;

interface Series {
  labels: Record<string, string>;
  /** per bucket, not cumulative; the last slot counts values above every bound */
  counts: Float64Array;
  sum: number;
  count: number;
}

interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * A histogram for the hot path, shown by a prom-client registry like any of its metrics. prom-client's
 * own histogram validates and hashes the labels on every observation, which costs several times more
 * than the clock reads around what is measured; here a series is looked up once (`series(...)`) and an
 * observation is a bucket search and three additions. The registry formats it at scrape time.
 */
export class FastHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly all: Series[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The observer of the series with these label values (in `labelNames` order); keep it and call it. */
  series(...values: string[]): Observe {
    const labels: Record<string, string> = {};
    this.labelNames.forEach((name, i) => {
      labels[name] = values[i] ?? '';
    });
    const series: Series = { labels, counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
    this.all.push(series);
    const bounds = this.buckets;
    const last = bounds.length;
    return (value) => {
      let i = 0;
      while (i < last && value > (bounds[i] as number)) i++;
      series.counts[i] = (series.counts[i] as number) + 1;
      series.sum += value;
      series.count++;
    };
  }

  /** The samples as prom-client's registry formats them: cumulative buckets, then `_sum` and `_count`. */
  get(): { name: string; help: string; type: string; aggregator: string; values: Sample[] } {
    const values: Sample[] = [];
    for (const s of this.all) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i] as number;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
      values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
