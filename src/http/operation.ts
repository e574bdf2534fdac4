import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';

/** What a request asks for, as request logs and rate limits see it. */
export interface Operation {
  /** the route's operation tag, e.g. `records.list` */
  readonly tag: string;
  /** the collection it acts on; absent when the route has none or the name is unknown */
  readonly collection?: Collection;
}

declare module 'fastify' {
  interface FastifyRequest {
    operation: Operation | null;
  }
}

/** The operation of a request; undefined when no route matched (a 404 from the not-found handler). */
export function operationOf(req: FastifyRequest): Operation | undefined {
  return req.operation ?? undefined;
}

/**
 * Sets `req.operation` from the matched route's definition. Register it before any other onRequest hook, so
 * every later step (authentication, rate limits, the request log) can read it, even when an earlier one fails.
 */
export function trackOperations(server: FastifyInstance, app: App): void {
  server.decorateRequest('operation', null);
  server.addHook('onRequest', (req, _reply, done) => {
    const route = req.routeOptions.config.route;
    if (route) req.operation = { tag: route.tag, collection: route.collection?.(app, req) };
    done();
  });
}
