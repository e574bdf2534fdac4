import type { FastifyInstance } from 'fastify';
import type { App } from '../../core/app.js';
import { FastHistogram, type Observe } from '../../core/metrics/fast-histogram.js';

/** Seconds, from a cached read to a slow upload. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What answered a request that matched no API operation: a static file, the admin UI or a 404. */
const NO_ROUTE = 'other';

type Observer = (route: string, status: number) => Observe;

/** One histogram per app, however many servers are built around it. */
const observers = new WeakMap<App, Observer>();

function requestObserver(app: App): Observer {
  const known = observers.get(app);
  if (known) return known;
  const histogram = new FastHistogram(
    'basalt_http_request_duration_seconds',
    'Time from receiving a request to sending its response, by operation (route) and status.',
    ['route', 'status'],
    REQUEST_BUCKETS,
    app.metrics.registry,
  );
  const series = new Map<string, Map<number, Observe>>();
  const observer: Observer = (route, status) => {
    let byStatus = series.get(route);
    if (!byStatus) {
      byStatus = new Map();
      series.set(route, byStatus);
    }
    let observe = byStatus.get(status);
    if (!observe) {
      observe = histogram.series(route, String(status));
      byStatus.set(status, observe);
    }
    return observe;
  };
  observers.set(app, observer);
  return observer;
}

/**
 * One histogram of response times by operation tag (never the URL: the label set stays as small as
 * the route table) and status; its `_count` is the request count. The labelled series are looked up
 * once per (tag, status) and kept, so a request costs two map reads, a bucket search and three additions.
 */
export function registerRequestMetrics(server: FastifyInstance, app: App): void {
  const observer = requestObserver(app);
  server.addHook('onResponse', (req, reply, done) => {
    if (app.metrics.collecting) {
      observer(req.operation?.tag ?? NO_ROUTE, reply.statusCode)(reply.elapsedTime / 1000);
    }
    done();
  });
}
