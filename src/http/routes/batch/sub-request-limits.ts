import type { FastifyRequest } from 'fastify';
import type { App } from '../../../core/app.js';
import type { BatchStep } from '../../../core/batch/run.js';
import { Errors } from '../../../core/errors.js';
import { rateLimiterOf } from '../../../core/rate-limits/limiter.js';
import { clientIp } from '../../client-ip.js';
import { requesterOf } from '../../context.js';
import type { RouteDefinition } from '../../route.js';
import createRoute from '../records/create.js';
import deleteRoute from '../records/delete.js';
import updateRoute from '../records/update.js';

/** The single-request route whose rate-limit rules a sub-request's final action falls under. */
const ENDPOINTS: Readonly<Record<BatchStep['action'], RouteDefinition>> = {
  create: createRoute,
  update: updateRoute,
  delete: deleteRoute,
};

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Counts each sub-request of a batch as the single request it stands for (`posts:create`,
 * `PATCH /api/collections/posts/records/…`), so a batch cannot get round a collection's limits;
 * the batch request itself is counted as `/api/batch` when it arrives. A sub-request over its
 * limit fails with 429, which fails the batch. Undefined when nothing needs counting (limits off,
 * or a superuser, who is never limited).
 */
export function subRequestLimits(app: App, req: FastifyRequest): ((step: BatchStep) => Promise<void>) | undefined {
  const limiter = rateLimiterOf(app);
  const requester = requesterOf(req);
  if (!limiter.enabled || requester.isSuperuser) return undefined;
  const audience = requester.record ? '@auth' : '@guest';
  const ip = clientIp(req, app.settings.get().trustedProxy);
  return async (step) => {
    const verdict = await limiter.check({
      method: step.request.method,
      path: pathOf(step.request.url),
      audience,
      ip,
      collection: step.collection,
      endpoint: ENDPOINTS[step.action],
    });
    if (!verdict.allowed) throw Errors.rateLimited();
  };
}
