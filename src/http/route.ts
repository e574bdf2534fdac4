import type { FastifyReply, FastifyRequest, HTTPMethods, RouteShorthandOptions } from 'fastify';
import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';

/** The Fastify options an operation may set for itself; everything else keeps the server's defaults. */
export type RouteOptions = Pick<RouteShorthandOptions, 'bodyLimit' | 'preParsing'>;

/**
 * One API operation. Each file in routes/<resource>/ default-exports one; routes/index.ts registers them all.
 * The tag and the collection are what request logs and rate limits key on (see operation.ts).
 */
export interface RouteDefinition {
  /** unique operation name, `<resource>.<action>` (e.g. `records.create`, `auth.withPassword`) */
  readonly tag: string;
  readonly method: HTTPMethods;
  readonly url: string;
  /**
   * Finds the collection the operation acts on, once, when the request arrives. Returns undefined for an
   * unknown name: the handler decides which error that is, after its own checks (auth first, for example).
   */
  readonly collection?: (app: App, req: FastifyRequest) => Collection | undefined;
  /**
   * The collection tags rate-limit rules name this endpoint by (`<collection>:<tag>`, `*:<tag>`), in
   * priority order, e.g. `['authWithPassword', 'auth']`. Only routes with a collection carry them.
   */
  readonly rateLimitTags?: readonly string[];
  /** body limit, preParsing… built once at registration */
  readonly options?: (app: App) => RouteOptions;
  readonly handler: (req: FastifyRequest, reply: FastifyReply, app: App) => Promise<FastifyReply>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the definition a route was registered from; absent on the not-found route */
    route?: RouteDefinition;
  }
}

/** A path parameter of the matched URL; '' when the route has none of that name. */
export function pathParam(req: FastifyRequest, name: string): string {
  return (req.params as Record<string, string | undefined>)[name] ?? '';
}

/** The collection named (by id or name) in the `:collection` path parameter. */
export function collectionParam(app: App, req: FastifyRequest): Collection | undefined {
  return app.collections.find(pathParam(req, 'collection'));
}
