/** `app.routerAdd`: custom routes, their middleware chain and the event their handlers receive. */
import type { CustomResponse } from '../core/custom-response.js';
import type { CustomRoute, RouteRequest } from '../core/custom-route.js';
import { Errors } from '../core/errors.js';
import type { Requester } from '../core/request.js';
import { DataMethods } from './data.js';
import { guard } from './guard.js';
import type { PluginHost } from './host.js';
import { RecordModel } from './record.js';
import { responder } from './responder.js';
import { parseRoutePath, ROUTE_METHODS, toFastifyUrl } from './route-path.js';
import type { DataApi, Middleware, RequestInfo, RouteEvent, RouteHandler } from './types.js';

export function authRecord(requester: Requester): RecordModel | null {
  return requester.record && requester.collection
    ? new RecordModel(requester.collection, { ...requester.record }, false)
    : null;
}

/** The public view of a core RequestInfo. */
export function publicInfo(info: import('../core/request.js').RequestInfo): RequestInfo {
  return {
    auth: authRecord(info.requester),
    method: info.method,
    headers: info.headers,
    query: info.query,
    body: info.body,
    context: info.context,
  };
}

interface RouteState {
  answer: CustomResponse | undefined;
  event: RouteEvent;
}

function routeEvent(req: RouteRequest): RouteState {
  const state: RouteState = { answer: undefined, event: undefined as unknown as RouteEvent };
  let body: Promise<Record<string, unknown>> | undefined;
  const readBody = () => {
    body ??= req.readBody();
    return body;
  };
  state.event = {
    ...responder((r) => {
      state.answer = r;
    }),
    method: req.method,
    url: req.url,
    params: req.params,
    query: req.query,
    headers: req.headers,
    bindBody: async <T>() => (await readBody()) as T,
    auth: authRecord(req.requester),
    hasSuperuserAuth: () => req.requester.isSuperuser,
    requestInfo: async () => publicInfo(req.info(await readBody())),
    next: async () => {},
    // bound to the handler's context once the guard has made it
    app: undefined as unknown as DataApi,
  };
  return state;
}

/** Runs middlewares then the handler, each passing on with `await e.next()`. */
async function runChain(e: RouteEvent, chain: readonly Middleware[], state: RouteState): Promise<void> {
  const step = async (i: number): Promise<void> => {
    const fn = chain[i];
    if (!fn) return;
    let called = false;
    e.next = async () => {
      if (called) throw new Error('a route middleware called e.next() twice');
      called = true;
      await step(i + 1);
    };
    const out = await fn(e);
    // the handler (last link) may simply return what to answer with
    if (i === chain.length - 1 && out !== undefined && state.answer === undefined) e.json(200, out);
  };
  await step(0);
}

/** Validates and builds a custom route; throws (naming the problem) on a bad method, path or handler. */
export function customRoute(
  host: PluginHost,
  source: string,
  method: string,
  path: string,
  handler: RouteHandler,
  middlewares: Middleware[],
): CustomRoute {
  const m = String(method).toUpperCase();
  if (!(ROUTE_METHODS as readonly string[]).includes(m)) {
    throw new Error(
      `routerAdd: unsupported method ${JSON.stringify(method)} (expected one of ${ROUTE_METHODS.join(', ')})`,
    );
  }
  const segments = parseRoutePath(path);
  if (typeof handler !== 'function') throw new Error(`routerAdd ${m} ${path}: the handler is not a function`);
  for (const mw of middlewares)
    if (typeof mw !== 'function') throw new Error(`routerAdd ${m} ${path}: a middleware is not a function`);
  const label = `route ${m} ${path} (${host.display(source)})`;
  const chain = [...middlewares, handler];
  const run = guard<RouteEvent & { state?: RouteState }>(
    (e, ctx) => {
      e.app = new DataMethods(host.core, ctx);
      return runChain(e, chain, e.state as RouteState);
    },
    {
      label,
      timeoutMs: host.timeoutMs,
      log: host.core.log,
    },
  );
  return {
    method: m,
    path: toFastifyUrl(segments),
    source,
    async serve(req) {
      const state = routeEvent(req);
      const e = Object.assign(state.event, { state });
      await run(e);
      return state.answer;
    },
  };
}

/** `app.requireAuth(...collections)`. */
export function requireAuth(collections: string[]): Middleware {
  return async (e) => {
    if (!e.auth) throw Errors.requireAuth();
    if (collections.length > 0) {
      const c = e.auth.collection();
      if (!collections.includes(c.name) && !collections.includes(c.id)) throw Errors.forbidden();
    }
    await e.next();
  };
}

/** `app.requireSuperuserAuth()`. */
export function requireSuperuserAuth(): Middleware {
  return async (e) => {
    if (!e.auth) throw Errors.requireAuth();
    if (!e.hasSuperuserAuth()) throw Errors.requireSuperuser();
    await e.next();
  };
}
