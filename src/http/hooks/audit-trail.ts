import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import { type AuditOutcome, actorOf, auditQuietly, type Diff } from '../../core/audit/index.js';
import { SUPERUSERS } from '../../core/collections/system.js';

/** What a route adds to its request's audit entry. */
export interface AuditNote {
  /** replaces the operation tag as the entry's action */
  action?: string;
  target?: string;
  diff?: Diff;
  data?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** details for the audit entry of this request (see noteAudit) */
    auditNote: AuditNote | null;
  }
}

/** Adds details to the audit entry the request will get (merged with earlier notes). */
export function noteAudit(req: FastifyRequest, note: AuditNote): void {
  req.auditNote = { ...req.auditNote, ...note, data: { ...req.auditNote?.data, ...note.data } };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** POST operations that change nothing: no entry for them. */
const READ_ONLY_TAGS = new Set(['realtime.subscribe', 'files.token', 'auth.refresh']);

/** Record writes on the superusers collection are superuser changes: named as such. */
const SUPERUSER_ACTIONS: Readonly<Record<string, string>> = {
  'records.create': 'superusers.create',
  'records.update': 'superusers.update',
  'records.delete': 'superusers.delete',
};

function params(req: FastifyRequest): Record<string, string> {
  return (req.params ?? {}) as Record<string, string>;
}

/** The response's JSON body, when it is one (for the error message and a created record's id). */
function jsonOf(payload: unknown): Record<string, unknown> | null {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return null;
  try {
    return JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function outcomeOf(status: number): AuditOutcome {
  if (status >= 400) return 'error';
  return status === 202 ? 'pending' : 'success';
}

function describe(app: App, req: FastifyRequest, reply: FastifyReply, body: Record<string, unknown> | null) {
  const tag = req.routeOptions.config?.route?.tag;
  if (!tag) return { action: 'custom', target: `${req.method} ${req.url.split('?')[0]}` };
  const p = params(req);
  const collection = p.collection ? app.collections.find(p.collection) : undefined;
  const action = collection?.name === SUPERUSERS ? (SUPERUSER_ACTIONS[tag] ?? tag) : tag;
  let id = p.id ?? p.key ?? '';
  if (tag === 'records.create' && reply.statusCode < 300 && typeof body?.id === 'string') id = body.id;
  const target = [collection?.name ?? p.collection, id].filter((s) => s).join('/');
  return { action, target };
}

/**
 * Every change a signed-in superuser makes through the API gets an audit entry, written before the
 * response leaves (the client never sees a success the trail lacks): who, from which IP, the
 * operation, its target, the outcome (the error message on failure, `pending` for a 202 approval
 * request) and whatever the route noted (diffs). Reads are not recorded.
 */
export function registerAuditTrail(server: FastifyInstance, app: App): void {
  server.decorateRequest('auditNote', null);
  server.addHook('onSend', async (req, reply, payload) => {
    const requester = req.requester;
    if (!requester?.isSuperuser || !requester.record) return payload;
    const note = req.auditNote;
    const tag = req.routeOptions.config?.route?.tag ?? '';
    if (!note && (READ_METHODS.has(req.method) || READ_ONLY_TAGS.has(tag))) return payload;
    const status = reply.statusCode;
    const body = jsonOf(payload);
    const described = describe(app, req, reply, body);
    const outcome = outcomeOf(status);
    await auditQuietly(app, {
      actor: actorOf(requester),
      ip: req.clientIp,
      action: note?.action ?? described.action,
      target: note?.target ?? described.target,
      outcome,
      error: outcome === 'error' ? String(body?.message ?? `status ${status}`) : undefined,
      diff: outcome === 'success' ? note?.diff : undefined,
      data: { ...note?.data, status },
    });
    return payload;
  });
}
