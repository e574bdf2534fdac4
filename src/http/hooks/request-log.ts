import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import { addLogWith, LogLevel, wantsLog } from '../../core/logs/index.js';
import type { LogBatch } from '../../store/log-batch.js';
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
 * Writes a request's entry into the log batch: the message `METHOD URL`, then the data keys of the
 * API's request logs in their fixed order. Written piece by piece into the batch's bytes, an entry
 * builds no strings: at thousands of requests a second, those strings would bring every
 * young-generation collection sooner, and each one copies the requests still in flight.
 */
function writeRequestEntry(app: App, batch: LogBatch, reply: FastifyReply): void {
  const req = reply.request;
  const status = reply.statusCode;
  const settings = app.settings.get();
  const requester = requesterOf(req);
  batch.text(req.method).text(' ').text(req.url).data();
  batch
    .text('{"type":"request","execTime":')
    .text(String(Math.round(reply.elapsedTime * 1000) / 1000))
    .text(',"url":')
    .jsonString(req.url)
    .text(',"method":')
    .jsonString(req.method)
    .text(',"status":')
    .text(String(status))
    .text(',"referer":')
    .jsonString(header(req, 'referer'))
    .text(',"userAgent":')
    .jsonString(header(req, 'user-agent'))
    .text(',"auth":')
    .jsonString(requester.collection?.name ?? '');
  if (settings.logs.logAuthId) batch.text(',"authId":').jsonString(String(requester.record?.id ?? ''));
  if (settings.logs.logIP) {
    batch
      .text(',"userIP":')
      .jsonString(clientIp(req, settings.trustedProxy))
      .text(',"remoteIP":')
      .jsonString(remoteIp(req));
  }
  if (status >= 400) {
    const failure = req.logFailure;
    batch
      .text(',"error":')
      .jsonString(failure?.error ?? '')
      .text(',"details":')
      .text(detailsJson(failure?.details ?? ''));
  }
  batch.text('}');
}

/**
 * One request log per request, queued once the response is sent (so its cost is not in the
 * response time). Failed requests (status ≥ 400) are ERROR entries with `error` and `details`. The
 * logs API does not log its own successful requests. With logging off (`logs.maxDays` 0) a request
 * costs one settings read here.
 */
function logRequest(app: App, req: FastifyRequest, reply: FastifyReply, write: EntryWriter): void {
  const failed = reply.statusCode >= 400;
  const level = failed ? LogLevel.error : LogLevel.info;
  if (!wantsLog(app, level)) return;
  const tag = operationOf(req)?.tag;
  // reading the logs, and the dashboard's own files, would bury the requests worth reading
  if (!failed && tag && (tag.startsWith('logs.') || tag.startsWith('ui.'))) return;
  addLogWith(app, level, write, reply);
}

type EntryWriter = (batch: LogBatch, reply: FastifyReply) => void;

/** Registers the request log (see logRequest). */
export function registerRequestLog(server: FastifyInstance, app: App): void {
  server.decorateRequest('logFailure', null);
  const write: EntryWriter = (batch, reply) => writeRequestEntry(app, batch, reply);
  server.addHook('onResponse', (req, reply, done) => {
    logRequest(app, req, reply, write);
    done();
  });
}
