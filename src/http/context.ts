import type { FastifyRequest } from 'fastify';
import { Errors } from '../core/errors.js';
import { GUEST, type Requester, type RequestInfo } from '../core/request.js';

declare module 'fastify' {
  interface FastifyRequest {
    requester: Requester;
    /** the raw token the requester authenticated with */
    authToken: string;
    /** the client's IP as the trusted-proxy settings say (computed when read) */
    readonly clientIp: string;
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

/** A query value as a string: the first one when the parameter is repeated. */
function queryValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? String(v[0] ?? '') : String(v);
}

export function queryOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const q = (req.query ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    const value = queryValue(v);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** One query parameter, read as queryOf() reads it. */
export function queryParamOf(req: FastifyRequest, name: string): string | undefined {
  const q = (req.query ?? {}) as Record<string, unknown>;
  return Object.hasOwn(q, name) ? queryValue(q[name]) : undefined;
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
    get ip() {
      return req.clientIp;
    },
  };
}
