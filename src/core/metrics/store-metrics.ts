import { Gauge } from 'prom-client';
import type { QueryKind } from '../../store/store.js';
import type { App } from '../app.js';
import { FastHistogram, type Observe } from './fast-histogram.js';

/** Seconds, from a tenth of a millisecond (a cached SQLite read) to seconds (a slow report or a stuck lock). */
const QUERY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Database statement and commit times (a histogram by kind) and the connection pool's use (read at
 * scrape time). The store is told to time statements only while `collecting`.
 */
export function addStoreMetrics(app: App): (collecting: boolean) => void {
  const registers = [app.metrics.registry];
  const queries = new FastHistogram(
    'basalt_db_query_duration_seconds',
    'Time of database statements (read, write) and transaction commits (commit).',
    ['kind'],
    QUERY_BUCKETS,
    app.metrics.registry,
  );
  const byKind: Record<QueryKind, Observe> = {
    read: queries.series('read'),
    write: queries.series('write'),
    commit: queries.series('commit'),
  };
  const observer = (kind: QueryKind, seconds: number) => byKind[kind](seconds);
  new Gauge({
    name: 'basalt_db_pool_connections',
    help: 'Connections of the database pool by state (PostgreSQL: client pool; SQLite: read workers).',
    labelNames: ['state'],
    registers,
    collect() {
      const use = app.store.poolUse();
      this.set({ state: 'total' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  new Gauge({
    name: 'basalt_db_pool_max',
    help: 'The most connections the database pool opens.',
    registers,
    collect() {
      this.set(app.store.poolUse().max);
    },
  });
  return (collecting) => {
    app.store.queryObserver = collecting ? observer : null;
  };
}
