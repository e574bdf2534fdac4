import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { App } from '../core/app.js';
import { Errors } from '../core/errors.js';
import type { Verdict } from '../core/rate-limits/counter.js';
import { type RateLimiter, rateLimiterOf } from '../core/rate-limits/limiter.js';
import { clientIp } from './client-ip.js';
import { requesterOf } from './context.js';
import { operationOf } from './operation.js';

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The verdict for one request; superusers bypass rate limiting entirely. */
export function rateLimitVerdict(app: App, limiter: RateLimiter, req: FastifyRequest): Verdict | Promise<Verdict> {
  const requester = requesterOf(req);
  return limiter.check({
    method: req.method.toUpperCase(),
    path: pathOf(req.url),
    audience: requester.record ? '@auth' : '@guest',
    ip: clientIp(req, app.settings.get().trustedProxy),
    collection: operationOf(req)?.collection,
    endpoint: req.routeOptions.config.route,
  });
}

function answer(verdict: Verdict, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (verdict.allowed) {
    done();
    return;
  }
  // beyond the contract: tells clients how long to back off
  reply.header('retry-after', String(verdict.retryAfter));
  done(Errors.rateLimited());
}

/**
 * Refuses a request over its rate limit with 429 (spec §6). Runs after authentication (audiences and
 * the superuser bypass need the requester). While rate limiting is disabled it costs one field read.
 */
export function registerRateLimits(server: FastifyInstance, app: App): void {
  const limiter = rateLimiterOf(app);
  server.addHook('onRequest', (req, reply, done) => {
    if (!limiter.enabled || requesterOf(req).isSuperuser) {
      done();
      return;
    }
    const verdict = rateLimitVerdict(app, limiter, req);
    if (verdict instanceof Promise) verdict.then((v) => answer(v, reply, done), done);
    else answer(verdict, reply, done);
  });
}
