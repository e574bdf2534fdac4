import type { FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import { Errors } from '../core/errors.js';
import { GUEST, type Requester, type RequestInfo } from '../core/request.js';

declare module 'fastify' {
  interface FastifyRequest {
    requester: Requester;
    /** the raw token the requester authenticated with */
    authToken: string;
  }
}

export function requesterOf(req: FastifyRequest): Requester {
  return req.requester ?? GUEST;
}

export function requireAuth(req: FastifyRequest): Requester {
  const r = requesterOf(req);
  if (!r.record) throw Errors.requireAuth();
  return r;
}

export function requireSuperuser(req: FastifyRequest): Requester {
  const r = requireAuth(req);
  if (!r.isSuperuser) throw Errors.requireSuperuser();
  return r;
}

/** Header names as rules see them: lower snake_case. */
function ruleHeaders(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase().replaceAll('-', '_')] = Array.isArray(v) ? (v[0] ?? '') : String(v);
  }
  return out;
}

export function queryOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const q = (req.query ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? String(v[0] ?? '') : String(v);
  }
  return out;
}

/** The `@request.*` view of a request; headers and query are read only when a rule asks. */
export function requestInfoOf(
  req: FastifyRequest,
  body: Record<string, unknown> = {},
  context = 'default',
): RequestInfo {
  let headers: Record<string, string> | undefined;
  let query: Record<string, string> | undefined;
  return {
    requester: requesterOf(req),
    method: req.method.toUpperCase(),
    get headers() {
      headers ??= ruleHeaders(req);
      return headers;
    },
    get query() {
      query ??= queryOf(req);
      return query;
    },
    body,
    context,
  };
}

/** Shared signature of route modules in routes/. */
export type RouteModule = (server: import('fastify').FastifyInstance, app: App) => void;
