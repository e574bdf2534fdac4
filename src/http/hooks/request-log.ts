import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import { addRequestLog, LogLevel, wantsLog } from '../../core/logs/index.js';
import { clientIp, remoteIp } from '../client-ip.js';
import { requesterOf } from '../context.js';
import { operationOf } from '../operation.js';

/** Why a request failed, as the error handler answered it: the message sent and what lies behind it. */
interface Failure {
  error: string;
  details: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    logFailure: Failure | null;
  }
}

/** Records why a request failed, for its log entry (called by the error handler). */
export function noteFailure(req: FastifyRequest, error: string, details: unknown): void {
  req.logFailure = { error, details };
}

function header(req: FastifyRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

/** A failure's details as JSON text; something that cannot be serialised is kept as its text. */
function detailsJson(details: unknown): string {
  try {
    return JSON.stringify(details) ?? '""';
  } catch {
    return JSON.stringify(String(details));
  }
}

/**
 * One request log per request, queued once the response is sent (so its cost is not in the
 * response time): the data keys of the API's request logs. Failed requests (status ≥ 400) are ERROR
 * entries with `error` and `details`. The logs API does not log its own successful requests.
 * Only references to the request's strings are queued here; the JSON text is written when the batch
 * is stored (log-batch.ts). With logging off (`logs.maxDays` 0) a request costs one settings read here.
 */
function logRequest(app: App, req: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const failed = status >= 400;
  const level = failed ? LogLevel.error : LogLevel.info;
  if (!wantsLog(app, level)) return;
  const tag = operationOf(req)?.tag;
  // reading the logs, and the dashboard's own files, would bury the requests worth reading
  if (!failed && tag && (tag.startsWith('logs.') || tag.startsWith('ui.'))) return;
  const { logs, trustedProxy } = app.settings.get();
  const requester = requesterOf(req);
  const failure = failed ? req.logFailure : null;
  addRequestLog(app, {
    level,
    status,
    elapsed: reply.elapsedTime,
    method: req.method,
    url: req.url,
    referer: header(req, 'referer'),
    userAgent: header(req, 'user-agent'),
    auth: requester.collection?.name ?? '',
    authId: logs.logAuthId ? String(requester.record?.id ?? '') : null,
    userIP: logs.logIP ? clientIp(req, trustedProxy) : null,
    // read only with userIP
    remoteIP: logs.logIP ? remoteIp(req) : '',
    error: failed ? (failure?.error ?? '') : null,
    details: failed ? detailsJson(failure?.details ?? '') : '',
  });
}

/** Registers the request log (see logRequest). */
export function registerRequestLog(server: FastifyInstance, app: App): void {
  server.decorateRequest('logFailure', null);
  server.addHook('onResponse', (req, reply, done) => {
    logRequest(app, req, reply);
    done();
  });
}
