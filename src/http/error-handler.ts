import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../core/app.js';
import { type ApiError, type ErrorKind, Errors, isApiError, MfaRequiredError } from '../core/errors.js';
import { logAppError } from '../core/logs/index.js';
import { noteFailure } from './hooks/request-log.js';
import { setSecurityHeaders } from './security-headers.js';

/** Error kind → HTTP status, in one table. */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  range_not_satisfiable: 416,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
};

/** The status an error answers with: its own when it names one (errors thrown by hook code), else its kind's. */
export function statusOf(err: ApiError): number {
  return err.status ?? STATUS_OF_KIND[err.kind];
}

/** Maps a Fastify/transport error (bad JSON, body too large…) to an API error. */
function fromFastify(err: FastifyError): ApiError | null {
  const status = err.statusCode ?? 0;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return Errors.tooLarge();
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return Errors.unsupportedContentType();
  if (status === 404) return Errors.notFound();
  if (status >= 400 && status < 500) return Errors.badRequest();
  return null;
}

export function errorBody(err: ApiError): Record<string, unknown> {
  if (err instanceof MfaRequiredError) return err.body;
  return { data: err.data, message: err.message, status: statusOf(err) };
}

/**
 * A request refused before its body was read leaves the rest of that body on the socket, where it
 * would be read as the next request of a keep-alive connection (or stall it). Such a reply closes
 * the connection instead; reading an unwanted body to its end could take unbounded time.
 */
function closeIfBodyUnread(req: FastifyRequest, reply: FastifyReply): void {
  if (!req.raw.complete) reply.header('connection', 'close');
}

/**
 * Errors the router raises before any route or hook runs (a malformed %-escape in the URL, a path
 * parameter over the length limit): answered in the API's error format like every other error.
 */
export function answerFrameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const err = fromFastify(error) ?? Errors.badRequest();
  // no onRequest hook ran for this request: the security headers are set here
  setSecurityHeaders(reply.raw);
  noteFailure(req, err.message, error.message);
  closeIfBodyUnread(req, reply);
  void reply.status(statusOf(err)).send(errorBody(err));
}

/** What a failed request's log entry shows beside the message: field errors, else the cause's text. */
function detailsOf(err: ApiError, cause: unknown): unknown {
  if (Object.keys(err.data).length > 0) return err.data;
  return cause !== err && cause instanceof Error ? cause.message : '';
}

export function registerErrorHandling(server: FastifyInstance, app: App): void {
  server.setNotFoundHandler((req, reply) => {
    const err = Errors.notFound();
    noteFailure(req, err.message, '');
    closeIfBodyUnread(req, reply);
    void reply.status(404).send(errorBody(err));
  });

  server.setErrorHandler((error: FastifyError, req, reply) => {
    let err: ApiError | null = isApiError(error) ? error : fromFastify(error);
    if (!err) {
      req.log.error({ err: error }, 'unhandled error');
      // stored for superusers in the logs, with the stack; the client only ever gets the generic message
      logAppError(app, error.message || 'Unhandled error', {
        error: String(error),
        stack: error.stack ?? '',
        method: req.method,
        url: req.url,
      });
      err = Errors.internal();
    }
    noteFailure(req, err.message, detailsOf(err, error));
    closeIfBodyUnread(req, reply);
    void reply.status(statusOf(err)).send(errorBody(err));
  });
}
