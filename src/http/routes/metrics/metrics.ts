import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../core/app.js';
import { Errors } from '../../../core/errors.js';
import { requesterOf } from '../../context.js';
import type { RouteDefinition } from '../../route.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when the request carries `Authorization: Bearer <metrics.token>` (compared in constant time). */
function hasMetricsToken(app: App, req: FastifyRequest): boolean {
  const token = app.settings.get().metrics.token;
  const header = req.headers.authorization;
  if (token === '' || !header) return false;
  const sent = header.replace(/^bearer\s+/i, '').trim();
  return timingSafeEqual(digest(sent), digest(token));
}

/** The app's metrics in the Prometheus text format, for superusers and the metrics token. */
const metrics: RouteDefinition = {
  tag: 'metrics',
  method: 'GET',
  url: '/api/metrics',
  async handler(req, reply, app) {
    const requester = requesterOf(req);
    if (!requester.isSuperuser && !hasMetricsToken(app, req)) {
      throw requester.record ? Errors.metricsForbidden() : Errors.metricsUnauthorized();
    }
    const text = await app.metrics.text();
    return reply.header('content-type', app.metrics.contentType).header('cache-control', 'no-store').send(text);
  },
};

export default metrics;
