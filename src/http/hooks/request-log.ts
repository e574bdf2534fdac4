import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import { addLog, LogLevel, wantsLog } from '../../core/logs/index.js';
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

/**
 * One request log per request, queued once the response is sent (so its cost is not in the
 * response time): the data keys of the API's request logs. Failed requests (status ≥ 400) are ERROR
 * entries with `error` and `details`. The logs API does not log its own successful requests.
 * With logging off (`logs.maxDays` 0) a request costs one settings read here.
 */
function logRequest(app: App, req: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const failed = status >= 400;
  const level = failed ? LogLevel.error : LogLevel.info;
  if (!wantsLog(app, level)) return;
  const tag = operationOf(req)?.tag ?? '';
  if (!failed && tag.startsWith('logs.')) return;
  const settings = app.settings.get();
  const requester = requesterOf(req);
  const data: Record<string, unknown> = {
    type: 'request',
    execTime: Math.round(reply.elapsedTime * 1000) / 1000,
    url: req.url,
    method: req.method,
    status,
    referer: header(req, 'referer'),
    userAgent: header(req, 'user-agent'),
    auth: requester.collection?.name ?? '',
  };
  if (settings.logs.logAuthId) data.authId = (requester.record?.id as string | undefined) ?? '';
  if (settings.logs.logIP) {
    data.userIP = clientIp(req, settings.trustedProxy);
    data.remoteIP = remoteIp(req);
  }
  if (failed) {
    data.error = req.logFailure?.error ?? '';
    data.details = req.logFailure?.details ?? '';
  }
  addLog(app, level, `${req.method} ${req.url}`, data);
}

/** Registers the request log (see logRequest). */
export function registerRequestLog(server: FastifyInstance, app: App): void {
  server.decorateRequest('logFailure', null);
  server.addHook('onResponse', (req, reply, done) => {
    logRequest(app, req, reply);
    done();
  });
}
