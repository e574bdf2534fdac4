/**
 * The error catalogue: every error the API returns is built here.
 * Core throws semantic kinds; the HTTP layer maps a kind to a status in one table.
 * The per-field validation items such errors carry are in validation.ts.
 */
import { sentence } from '../lib/sentence.js';
import type { ErrorData } from './validation.js';

export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'too_large'
  | 'rate_limited'
  | 'internal';

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly data: ErrorData;

  constructor(kind: ErrorKind, message: string, data: ErrorData = {}) {
    super(sentence(message));
    this.kind = kind;
    this.data = data;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export const DEFAULT_MESSAGES: Record<ErrorKind, string> = {
  invalid: 'Something went wrong while processing your request.',
  unauthorized: 'Missing or invalid authentication.',
  forbidden: 'You are not allowed to perform this request.',
  not_found: "The requested resource wasn't found.",
  too_large: 'Request entity too large.',
  rate_limited: 'Too Many Requests.',
  internal: 'Something went wrong while processing your request.',
};

const make =
  (kind: ErrorKind, message: string) =>
  (data: ErrorData = {}): ApiError =>
    new ApiError(kind, message, data);

/** Every error the API can return, by name. */
export const Errors = {
  badRequest: (message = DEFAULT_MESSAGES.invalid, data: ErrorData = {}) => new ApiError('invalid', message, data),
  notFound: (message = DEFAULT_MESSAGES.not_found) => new ApiError('not_found', message),
  forbidden: (message = DEFAULT_MESSAGES.forbidden) => new ApiError('forbidden', message),
  unauthorized: (message = DEFAULT_MESSAGES.unauthorized) => new ApiError('unauthorized', message),
  tooLarge: make('too_large', DEFAULT_MESSAGES.too_large),
  rateLimited: make('rate_limited', DEFAULT_MESSAGES.rate_limited),
  internal: make('internal', DEFAULT_MESSAGES.internal),

  unsupportedContentType: make('invalid', 'Unsupported Content-Type.'),
  missingCollectionContext: make('not_found', 'Missing collection context.'),
  missingOrInvalidCollectionContext: make('not_found', 'Missing or invalid collection context.'),
  missingAuthCollectionContext: make('not_found', 'Missing or invalid auth collection context.'),
  unsupportedCollectionType: make('invalid', 'Unsupported collection type.'),
  superusersOnly: make('forbidden', 'Only superusers can perform this action.'),
  onlySuperusersFilterCollection: make('forbidden', 'Only superusers can filter by @collection.'),
  onlySuperusersFilterRequest: make('forbidden', 'Only superusers can filter by @request.'),
  requireAuth: make('unauthorized', 'The request requires valid record authorization token.'),
  requireSuperuser: make('forbidden', 'The authorized record is not allowed to perform this action.'),
  requireSameCollection: (name: string) =>
    new ApiError('forbidden', `The request requires auth record from ${name} collection.`),

  createRecordFailed: make('invalid', 'Failed to create record.'),
  updateRecordFailed: make('invalid', 'Failed to update record.'),
  deleteRecordFailed: make(
    'invalid',
    'Failed to delete record. Make sure that the record is not part of a required relation reference.',
  ),
  readSubmittedData: make('invalid', 'Failed to read the submitted data.'),
  loadSubmittedData: make('invalid', 'An error occurred while loading the submitted data.'),
  validateSubmittedData: make('invalid', 'An error occurred while validating the submitted data.'),

  createCollectionFailed: make('invalid', 'Failed to create collection.'),
  updateCollectionFailed: make('invalid', 'Failed to update collection.'),
  collectionRawFailure: (action: 'create' | 'update', raw: string) =>
    new ApiError('invalid', `Failed to ${action} collection. Raw error: \n${raw}`),
  deleteCollectionFailed: (refs?: string[]) =>
    new ApiError(
      'invalid',
      refs && refs.length > 0
        ? `Failed to delete collection probably due to existing reference in ${refs.join(', ')}`
        : 'Failed to delete collection',
    ),
  truncateViewCollection: make(
    'invalid',
    "View collections cannot be truncated since they don't store their own records.",
  ),
  importCollectionsFailed: make('invalid', 'Failed to import collections.'),
  invalidCollectionFormatting: make('invalid', 'Failed to load the submitted data due to invalid formatting.'),
  truncateCollectionFailed: make(
    'invalid',
    'Failed to truncate collection (most likely due to required cascade delete record references).',
  ),

  authFailed: make('invalid', 'Failed to authenticate.'),
  passwordAuthDisabled: make('forbidden', 'The collection is not configured to allow password authentication.'),
  authRuleFailed: make('forbidden', "The request doesn't satisfy the collection requirements to authenticate."),
  onlySuperuserDelete: make('invalid', "You can't delete the only existing superuser"),
} as const;
