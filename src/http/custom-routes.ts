/**
 * Routes added by user code: served like built-in operations (error format, request log, rate
 * limits by `METHOD /path`), each tagged `custom.<METHOD> <path>`. A route that clashes with a
 * built-in one or another custom route is refused when the server is built.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import type { CustomRoute, RouteRequest } from '../core/custom-route.js';
import { parseFastifyUrl, patternsOverlap, samePattern } from '../plugins/route-path.js';
import { readBody } from './body.js';
import { queryOf, requesterOf, requestInfoOf } from './context.js';
import { sendCustom, sendNoContent } from './reply.js';
import type { RouteDefinition } from './route.js';

/** GET routes answer HEAD too. */
const sameMethod = (a: string, b: string) => a === b || (a === 'HEAD' && b === 'GET') || (a === 'GET' && b === 'HEAD');

/** Throws naming the file when `route` clashes with a built-in route or one added before it. */
function checkClash(route: CustomRoute, builtIn: readonly RouteDefinition[], added: readonly CustomRoute[]): void {
  const segments = parseFastifyUrl(route.path);
  for (const r of builtIn) {
    if (sameMethod(r.method as string, route.method) && patternsOverlap(segments, parseFastifyUrl(r.url))) {
      throw new Error(
        `${route.source}: routerAdd ${route.method} ${route.path} clashes with the built-in route ${r.method} ${r.url}`,
      );
    }
  }
  for (const r of added) {
    if (sameMethod(r.method, route.method) && samePattern(segments, parseFastifyUrl(r.path))) {
      throw new Error(`${route.source}: routerAdd ${route.method} ${route.path} is already added by ${r.source}`);
    }
  }
}

function routeRequest(req: FastifyRequest): RouteRequest {
  return {
    method: req.method,
    url: req.url,
    params: { ...(req.params as Record<string, string>) },
    query: queryOf(req),
    headers: req.headers,
    requester: requesterOf(req),
    readBody: async () => (await readBody(req)).data,
    info: (body) => requestInfoOf(req, body),
  };
}

/** Throws (naming the file) when a custom route clashes with a built-in route or another custom one. */
export function checkCustomRoutes(custom: readonly CustomRoute[], builtIn: readonly RouteDefinition[]): void {
  const added: CustomRoute[] = [];
  for (const route of custom) {
    checkClash(route, builtIn, added);
    added.push(route);
  }
}

/** Registers the custom routes (checked with checkCustomRoutes first). */
export function registerCustomRoutes(server: FastifyInstance, app: App, custom: readonly CustomRoute[]): void {
  for (const route of custom) {
    const definition: RouteDefinition = {
      tag: `custom.${route.method} ${route.path}`,
      method: route.method as RouteDefinition['method'],
      url: route.path,
      async handler(req, reply) {
        const answer = await route.serve(routeRequest(req));
        return answer ? sendCustom(req, reply, answer) : sendNoContent(reply);
      },
    };
    server.route({
      method: definition.method,
      url: definition.url,
      config: { route: definition },
      handler: (req, reply) => definition.handler(req, reply, app),
    });
  }
}
