import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, DEFAULT_MESSAGES, type ErrorKind, isApiError } from '../core/errors.js';

/** Error kind → HTTP status, in one table. */
export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** Maps a Fastify/transport error (bad JSON, body too large…) to an API error. */
function fromFastify(err: FastifyError): ApiError | null {
  const status = err.statusCode ?? 0;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
    return new ApiError('too_large', DEFAULT_MESSAGES.too_large);
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
    return new ApiError('invalid', 'Unsupported Content-Type.');
  if (status === 404) return new ApiError('not_found', DEFAULT_MESSAGES.not_found);
  if (status >= 400 && status < 500) return new ApiError('invalid', DEFAULT_MESSAGES.invalid);
  return null;
}

export function errorBody(err: ApiError): Record<string, unknown> {
  if (err.rawBody) return err.rawBody;
  return { data: err.data, message: err.message, status: STATUS_OF_KIND[err.kind] };
}

export function registerErrorHandling(server: FastifyInstance): void {
  server.setNotFoundHandler((_req, reply) => {
    const err = new ApiError('not_found', DEFAULT_MESSAGES.not_found);
    void reply.status(404).send(errorBody(err));
  });

  server.setErrorHandler((error: FastifyError, req, reply) => {
    let err: ApiError | null = isApiError(error) ? error : fromFastify(error);
    if (!err) {
      req.log.error({ err: error }, 'unhandled error');
      err = new ApiError('internal', DEFAULT_MESSAGES.internal);
    }
    void reply.status(STATUS_OF_KIND[err.kind]).send(errorBody(err));
  });
}
