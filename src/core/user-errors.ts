/**
 * Errors user code throws to answer in the API's error format with a status of its choice
 * (`throw new BadRequestError('Title missing.', { title: { code: 'required', message: '…' } })`).
 */
import { ApiError as CatalogueError, type ErrorKind } from './errors.js';
import type { ErrorData } from './validation.js';

function kindOf(status: number): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status === 504) return 'timeout';
  return status >= 500 ? 'internal' : 'invalid';
}

export class ApiError extends CatalogueError {
  override readonly status: number;

  constructor(status: number, message: string, data: ErrorData | Record<string, unknown> = {}) {
    const code = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
    super(kindOf(code), String(message ?? ''), data as ErrorData);
    this.status = code;
    this.name = 'ApiError';
  }
}

export class BadRequestError extends ApiError {
  constructor(
    message = 'Something went wrong while processing your request.',
    data: ErrorData | Record<string, unknown> = {},
  ) {
    super(400, message, data);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message = 'Missing or invalid authentication.', data: ErrorData | Record<string, unknown> = {}) {
    super(401, message, data);
  }
}

export class ForbiddenError extends ApiError {
  constructor(
    message = 'You are not allowed to perform this request.',
    data: ErrorData | Record<string, unknown> = {},
  ) {
    super(403, message, data);
  }
}

export class NotFoundError extends ApiError {
  constructor(message = "The requested resource wasn't found.", data: ErrorData | Record<string, unknown> = {}) {
    super(404, message, data);
  }
}

export class TooManyRequestsError extends ApiError {
  constructor(message = 'Too Many Requests.', data: ErrorData | Record<string, unknown> = {}) {
    super(429, message, data);
  }
}
