/**
 * The error catalogue: every error the API returns is built here.
 * Core throws semantic kinds; the HTTP layer maps a kind to a status in one table.
 * The per-field validation items such errors carry are in validation.ts.
 */
import { documented } from '../lib/documented.js';
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

const GENERIC = 'Something went wrong while processing your request.';

/** A catalogue entry with a fixed message; the caller may attach validation data. */
const make = (kind: ErrorKind, message: string, solve: string) =>
  documented((data: ErrorData = {}): ApiError => new ApiError(kind, message, data), solve);

/**
 * Every error the API can return, by name, each with how to solve it (docs/errors.md is generated
 * from these entries: run `npm run docs:errors` after changing one).
 */
export const Errors = {
  badRequest: make(
    'invalid',
    GENERIC,
    'A query parameter or the body is malformed: for example a non-numeric `page`, a `skipTotal` that is not a boolean, a bad `fields` modifier, or a `filter` or `sort` that does not parse or names an unknown field. Fix the request.',
  ),
  notFound: make(
    'not_found',
    "The requested resource wasn't found.",
    "Check the collection and record ids or names and the URL. A record that exists but that the collection's view rule hides from the requester is also reported as not found.",
  ),
  forbidden: make(
    'forbidden',
    'You are not allowed to perform this request.',
    'Authenticate as a user that the collection rules allow, or as a superuser.',
  ),
  unauthorized: make(
    'unauthorized',
    'Missing or invalid authentication.',
    'Send a valid, unexpired auth token in the `Authorization` header.',
  ),
  tooLarge: make(
    'too_large',
    'Request entity too large.',
    'Send a smaller body: it exceeds the size limit of the server or of the collection fields.',
  ),
  rateLimited: make(
    'rate_limited',
    'Too Many Requests.',
    'The client sent too many requests in the current window: wait, then retry with a backoff.',
  ),
  internal: make(
    'internal',
    GENERIC,
    'An unexpected server failure; the response never carries its cause, which is in the server log. Report it with the time of the request.',
  ),

  unsupportedContentType: make(
    'invalid',
    'Unsupported Content-Type.',
    'Send the body as `application/json`, `multipart/form-data` or `application/x-www-form-urlencoded`.',
  ),
  missingCollectionContext: make(
    'not_found',
    'Missing collection context.',
    'The collection named in the URL does not exist: check its id or name.',
  ),
  missingOrInvalidCollectionContext: make(
    'not_found',
    'Missing or invalid collection context.',
    'The collection named in the URL does not exist: check its id or name.',
  ),
  missingAuthCollectionContext: make(
    'not_found',
    'Missing or invalid auth collection context.',
    'Auth endpoints need an auth collection in the URL (such as `users` or `_superusers`): check its id or name and its type.',
  ),
  unsupportedCollectionType: make(
    'invalid',
    'Unsupported collection type.',
    'View collections are read-only: create, update and delete the records of the collections the view selects from.',
  ),
  expandTooLarge: make(
    'invalid',
    'The expand would put too many records in one response. Expand fewer relations or request fewer records per page.',
    'One response holds at most 20,000 expanded records, counting every place a record appears: lower `perPage`, or expand fewer or shallower relations (back-relations such as `posts_via_tags` multiply fastest).',
  ),
  superusersOnly: make(
    'forbidden',
    'Only superusers can perform this action.',
    'The collection rule for this action is locked (null): send a superuser token, or set a rule on the collection.',
  ),
  onlySuperusersFilterCollection: make(
    'forbidden',
    'Only superusers can filter by @collection.',
    'Remove `@collection.*` from the `filter` and `sort` parameters, or send a superuser token.',
  ),
  onlySuperusersFilterRequest: make(
    'forbidden',
    'Only superusers can filter by @request.',
    'Remove `@request.*` from the `filter` and `sort` parameters, or send a superuser token.',
  ),
  requireAuth: make(
    'unauthorized',
    'The request requires valid record authorization token.',
    'Sign in first and send the auth token in the `Authorization` header.',
  ),
  requireSuperuser: make(
    'forbidden',
    'The authorized record is not allowed to perform this action.',
    'This endpoint is for superusers: send the token of a `_superusers` record.',
  ),
  requireSameCollection: documented(
    (name: string) => new ApiError('forbidden', `The request requires auth record from ${name} collection.`),
    'Send the token of a record of the auth collection in the URL.',
    'users',
  ),

  createRecordFailed: make(
    'invalid',
    'Failed to create record.',
    "Fix the fields listed in `data`. With no field listed, the collection's create rule rejected the new record.",
  ),
  updateRecordFailed: make('invalid', 'Failed to update record.', 'Fix the fields listed in `data`.'),
  deleteRecordFailed: make(
    'invalid',
    'Failed to delete record. Make sure that the record is not part of a required relation reference.',
    'Another record holds this one in a required relation field without cascade delete: change or delete that record first.',
  ),
  readSubmittedData: make(
    'invalid',
    'Failed to read the submitted data.',
    'The body could not be read as submitted; file uploads are not supported yet: send the record without files.',
  ),
  loadSubmittedData: make(
    'invalid',
    'An error occurred while loading the submitted data.',
    'Send a JSON object (or form fields) with the expected keys and value types.',
  ),
  validateSubmittedData: make(
    'invalid',
    'An error occurred while validating the submitted data.',
    'Fix the fields listed in `data`.',
  ),

  createCollectionFailed: make(
    'invalid',
    'Failed to create collection.',
    'Fix the collection properties listed in `data` (name, fields, indexes, rules or options).',
  ),
  updateCollectionFailed: make(
    'invalid',
    'Failed to update collection.',
    'Fix the collection properties listed in `data` (name, fields, indexes, rules or options).',
  ),
  collectionRawFailure: documented(
    (action: 'create' | 'update', raw: string) =>
      new ApiError('invalid', `Failed to ${action} collection. Raw error: \n${raw}`),
    'The database refused the schema change (the raw error says why), for example existing rows that break a new constraint. Fix the data or the change.',
    'create',
    'UNIQUE constraint failed: posts.slug',
  ),
  deleteCollectionFailed: documented(
    (refs?: string[]) =>
      new ApiError(
        'invalid',
        refs && refs.length > 0
          ? `Failed to delete collection probably due to existing reference in ${refs.join(', ')}`
          : 'Failed to delete collection',
      ),
    'System collections cannot be deleted, nor a collection that other collections or views refer to: remove the relation fields or views named first.',
    ['posts'],
  ),
  truncateViewCollection: make(
    'invalid',
    "View collections cannot be truncated since they don't store their own records.",
    'Truncate the collections the view selects from instead.',
  ),
  importCollectionsFailed: make(
    'invalid',
    'Failed to import collections.',
    'The imported collections failed validation as a whole: the raw error in `data.collections` names the collection and the problem.',
  ),
  invalidCollectionFormatting: make(
    'invalid',
    'Failed to load the submitted data due to invalid formatting.',
    'Send the collection as a JSON object whose properties have the documented types (for example `fields` as a list of objects).',
  ),
  truncateCollectionFailed: make(
    'invalid',
    'Failed to truncate collection (most likely due to required cascade delete record references).',
    'Records of other collections hold these records in required relation fields: clear those first. The `_superusers` collection cannot be truncated.',
  ),

  authFailed: make(
    'invalid',
    'Failed to authenticate.',
    'The identity or password is wrong (the two cases are not told apart): check both.',
  ),
  passwordAuthDisabled: make(
    'forbidden',
    'The collection is not configured to allow password authentication.',
    'Enable `passwordAuth` in the auth collection options, or sign in another way.',
  ),
  authRuleFailed: make(
    'forbidden',
    "The request doesn't satisfy the collection requirements to authenticate.",
    "The record does not satisfy the collection's `authRule` (for example it is not verified yet): fix the record or the rule.",
  ),
  onlySuperuserDelete: make(
    'invalid',
    "You can't delete the only existing superuser",
    'Create another superuser before deleting this one.',
  ),

  // Batch (POST /api/batch)
  batchNotAllowed: make(
    'forbidden',
    'Batch requests are not allowed.',
    'Enable batch requests in the settings (`batch.enabled`, with `batch.maxRequests` above 0), or send the requests one by one.',
  ),
  invalidBatchData: make(
    'invalid',
    'Invalid batch request data.',
    'Fix the sub-requests listed in `data.requests`: `requests` is a non-empty list of at most `batch.maxRequests` objects, each with a `method` (GET, POST, PUT, PATCH or DELETE) and a `url` of at most 2000 characters.',
  ),
  batchTransactionFailed: make(
    'invalid',
    'Batch transaction failed.',
    'Nothing was saved. `data.requests` names the first sub-request that failed with its response: fix it and send the batch again. With empty `data`, the batch ran past `batch.timeout` seconds or the client went away: send fewer sub-requests or raise the timeout.',
  ),
  batchFilesUnsupported: make(
    'invalid',
    'File uploads are not supported in batch requests yet.',
    'Send the batch without `requests.N.field` file parts, and upload the files with single record requests.',
  ),
  // cron jobs
  missingCronJob: make(
    'not_found',
    'Missing or invalid cron job.',
    'No cron job has this id: list the registered jobs with `GET /api/crons` and use one of their ids.',
  ),
  // Settings.
  updateSettingsFailed: make(
    'invalid',
    'An error occurred while saving the new settings.',
    'Fix the settings named in `data` (nested like the settings object: `meta.appURL`, `rateLimits.rules.0.label`); nothing was saved. See docs/settings.md.',
  ),
  // request and app logs
  invalidFilterFormat: make(
    'invalid',
    'Invalid filter format.',
    'The `filter` of the logs stats does not parse or names a field logs do not have: use `id`, `created`, `level`, `message`, `data` or `data.<path>`.',
  ),
  // full-text search
  searchNotEnabled: make(
    'invalid',
    'Full-text search is not enabled for this collection.',
    "The collection has no `searchFields`: list the text, editor, email or url fields to search in the collection's `searchFields` (superusers, `PATCH /api/collections/{name}`), or send the list request without `search`. See docs/search.md.",
  ),
  rankWithoutSearch: make(
    'invalid',
    'Sorting by @rank needs a search.',
    '`@rank` is the relevance of a search result: send a non-empty `search` with it, or sort by fields.',
  ),
} as const;
