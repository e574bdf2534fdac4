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

const q = JSON.stringify;

/** A failure's details as JSON text; something that cannot be serialised is kept as its text. */
function detailsJson(details: unknown): string {
  try {
    return JSON.stringify(details) ?? '""';
  } catch {
    return q(String(details));
  }
}

/**
 * One request log per request, queued once the response is sent (so its cost is not in the
 * response time): the data keys of the API's request logs. Failed requests (status ≥ 400) are ERROR
 * entries with `error` and `details`. The logs API does not log its own successful requests.
 * The data is written as JSON text directly, in its fixed key order: about a third of what a
 * generic JSON.stringify of the same object costs. With logging off (`logs.maxDays` 0) a request
 * costs one settings read here.
 */
function logRequest(app: App, req: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const failed = status >= 400;
  const level = failed ? LogLevel.error : LogLevel.info;
  if (!wantsLog(app, level)) return;
  const tag = operationOf(req)?.tag;
  // reading the logs, and the dashboard's own files, would bury the requests worth reading
  if (!failed && tag && (tag.startsWith('logs.') || tag.startsWith('ui.'))) return;
  const settings = app.settings.get();
  const requester = requesterOf(req);
  const execTime = Math.round(reply.elapsedTime * 1000) / 1000;
  let data =
    `{"type":"request","execTime":${execTime},"url":${q(req.url)},"method":${q(req.method)},"status":${status}` +
    `,"referer":${q(header(req, 'referer'))},"userAgent":${q(header(req, 'user-agent'))}` +
    `,"auth":${q(requester.collection?.name ?? '')}`;
  if (settings.logs.logAuthId) data += `,"authId":${q(String(requester.record?.id ?? ''))}`;
  if (settings.logs.logIP) {
    data += `,"userIP":${q(clientIp(req, settings.trustedProxy))},"remoteIP":${q(remoteIp(req))}`;
  }
  if (failed) {
    const failure = req.logFailure;
    data += `,"error":${q(failure?.error ?? '')},"details":${detailsJson(failure?.details ?? '')}`;
  }
  addLog(app, level, `${req.method} ${req.url}`, `${data}}`);
}

/** Registers the request log (see logRequest). */
export function registerRequestLog(server: FastifyInstance, app: App): void {
  server.decorateRequest('logFailure', null);
  server.addHook('onResponse', (req, reply, done) => {
    logRequest(app, req, reply);
    done();
  });
}
