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
  | 'range_not_satisfiable'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'
  | 'timeout';

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly data: ErrorData;
  /** a status of its own instead of the kind's (errors thrown by user hook code name their status) */
  readonly status?: number;

  constructor(kind: ErrorKind, message: string, data: ErrorData = {}) {
    super(sentence(message));
    this.kind = kind;
    this.data = data;
  }
}

/**
 * The 401 of the first factor when MFA applies: its body is only `{"mfaId": "..."}`, without the
 * usual `status` and `message` keys (the SDK reads `response.mfaId`).
 */
export class MfaRequiredError extends ApiError {
  constructor(readonly mfaId: string) {
    super('unauthorized', 'Multi-factor authentication required.');
  }

  /** the body sent instead of the standard error envelope */
  get body(): Record<string, unknown> {
    return { mfaId: this.mfaId };
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
  // OAuth2 sign-in
  oauth2Disabled: make(
    'forbidden',
    'The collection is not configured to allow OAuth2 authentication.',
    'Enable `oauth2` in the auth collection options and configure at least one provider, or sign in another way.',
  ),
  oauth2InitProvider: documented(
    (name: string) => new ApiError('invalid', `Failed to init provider ${name}.`),
    "The provider's configuration could not be used: for an OpenID Connect provider the discovery document of `extra.issuer` could not be read, or the auth or token URL is missing. The server log has the cause.",
    'oidc',
  ),
  oauth2FetchToken: make(
    'invalid',
    'Failed to fetch OAuth2 token.',
    'The provider refused the code: it expired, was already used, was issued for another client or `redirectURL`, or `codeVerifier` does not match. Start the sign-in again from auth-methods.',
  ),
  oauth2FetchUser: make(
    'invalid',
    'Failed to fetch OAuth2 user.',
    "The provider's user could not be read or trusted: its id_token failed the signature, audience, issuer, expiry or nonce check, or the user-info call failed. The server log has the cause.",
  ),
  // Files (uploads, downloads, file tokens, the S3 test)
  testS3Failed: make(
    'invalid',
    'Failed to test the S3 filesystem.',
    'Check the S3 settings named in `data` (or the raw error after the message): the endpoint must be reachable, the bucket must exist and the access key must be allowed to write and delete objects in it.',
  ),
  rangeNotSatisfiable: make(
    'range_not_satisfiable',
    'The requested range is not satisfiable.',
    'Ask for bytes inside the file (`Range: bytes=0-99`, `bytes=-500`): the `Content-Range` header of the answer gives its size.',
  ),
  // Realtime (GET and POST /api/realtime)
  missingRealtimeClient: make(
    'not_found',
    'Missing or invalid client id.',
    'Send the `clientId` of an open realtime connection: the id from its `PB_CONNECT` message. A connection that closed (idle for 5 minutes, or reading too slowly) takes its id with it: connect again and use the new one.',
  ),
  realtimeClientIpMismatch: make(
    'invalid',
    'Invalid realtime client.',
    'Send subscription requests from the same client IP address as the realtime connection they are for; behind a proxy, make sure the server sees the real client address (trusted proxy settings).',
  ),
  realtimeAuthMismatch: make(
    'forbidden',
    "The current and the previous request authorization don't match.",
    'A realtime client that subscribed with an auth token keeps that auth record: send later subscription requests with a token of the same record, or open a new connection to subscribe as someone else.',
  ),
  // Mail and the auth flows (verification, password reset, email change, OTP, MFA, impersonation)
  otpAuthDisabled: make(
    'forbidden',
    'The collection is not configured to allow OTP authentication.',
    'Enable `otp` in the auth collection options, or sign in another way.',
  ),
  invalidOrExpiredOtp: make(
    'invalid',
    'Invalid or expired OTP',
    'The code is wrong, was already used, or is older than `otp.duration` seconds: request a new one with request-otp.',
  ),
  tooManyOtpAttempts: make(
    'rate_limited',
    'Too many attempts, please try again later with a new OTP.',
    'At most 5 codes are checked per 3 minutes for one client and account: request a new OTP and wait before retrying.',
  ),
  mfaRequired: documented(
    (mfaId: string) => new MfaRequiredError(mfaId),
    'Multi-factor authentication is on for this record: repeat the sign-in with another method and pass the `mfaId` of this answer (query parameter or body field). The body is `{"mfaId": "..."}` only.',
    'f6gh2k9x0c1v3b4',
  ),
  invalidOrExpiredMfa: make(
    'invalid',
    'Invalid or expired MFA session.',
    'The `mfaId` is unknown, already used, or older than `mfa.duration` seconds: start again with the first sign-in method.',
  ),
  invalidMfa: make(
    'invalid',
    'Invalid MFA session.',
    'The `mfaId` belongs to another record or collection: send the one returned to this record.',
  ),
  mfaSameMethod: make(
    'invalid',
    'A different authentication method is required.',
    'The second factor must use another method than the first (for example password, then an emailed code).',
  ),
  superusersAlwaysVerified: make(
    'invalid',
    'All superusers are verified by default.',
    'Superusers need no verification: nothing to request or confirm.',
  ),
  superusersChangeEmailDirectly: make(
    'invalid',
    'All superusers can change their emails directly.',
    'Update the superuser record with the new `email` instead of using the email-change flow.',
  ),
  passwordResetDisabled: make(
    'invalid',
    'The collection is not configured to allow password authentication.',
    'Enable `passwordAuth` in the auth collection options: password reset is only for collections that sign in with a password.',
  ),
  invalidPasswordResetToken: make(
    'invalid',
    'Invalid or expired password reset token.',
    'The record of the token is gone or changed meanwhile: request a new password reset.',
  ),
  testEmailFailed: documented(
    (raw: string) => new ApiError('invalid', `Failed to send the test email. Raw error: \n${raw}`),
    'The mail server refused or could not be reached (the raw error says why): check the `smtp` settings (host, port, TLS, credentials) and `meta.senderAddress`.',
    'connect ECONNREFUSED 127.0.0.1:587',
  ),
  // hooks, custom routes and migrations in user code
  hookTimeout: make(
    'timeout',
    'The request took too long to process.',
    'A hook handler or custom route of the app ran longer than `--hooks-timeout` (30 seconds by default, not counting the time inside `e.next()`); the server log names the hook and its file. Nothing it had started writing was kept. Make the handler faster (move slow work to a cron job or after-success hook) or raise the timeout.',
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
  // metrics and readiness
  metricsUnauthorized: make(
    'unauthorized',
    'Reading the metrics needs a superuser or the metrics token.',
    'Send `Authorization: Bearer <token>` with the `metrics.token` of the settings (set it with `PATCH /api/settings`), or a superuser auth token. See docs/metrics.md.',
  ),
  metricsForbidden: make(
    'forbidden',
    'Only superusers and the metrics token may read the metrics.',
    'The request is signed in, but not as a superuser, and carries no metrics token: scrape with the `metrics.token` of the settings instead.',
  ),
  databaseUnavailable: make(
    'unavailable',
    'The database cannot be reached.',
    'Answered by `GET /api/health?ready=1` while the database does not answer (stopped, unreachable or closed). The server log says why; requests resume once it answers again.',
  ),
  shuttingDown: make(
    'unavailable',
    'The server is shutting down.',
    'Answered by `GET /api/health?ready=1` once the server has been told to stop: it finishes the requests in progress, and load balancers should send new ones to another instance.',
  ),
  // the two-person rule and the audit trail
  approvalSelf: make(
    'forbidden',
    'You cannot approve your own request.',
    'Under the two-person rule a destructive action needs a second superuser: ask another superuser to approve it (`POST /api/approvals/{id}/approve`). You may still reject (withdraw) your own request.',
  ),
  approvalExpired: make(
    'invalid',
    'The approval request has expired.',
    'Approvals must be decided within `twoPersonRule.approvalTimeout` seconds (24 hours by default): send the original request again to open a new one.',
  ),
  approvalDecided: make(
    'invalid',
    'The approval request was already decided.',
    'Someone approved or rejected it first; `GET /api/approvals/{id}` shows its status and result. Send the original request again if it still needs doing.',
  ),
  approvalNotInBatch: make(
    'invalid',
    'This action needs approval under the two-person rule and cannot run in a batch.',
    'Send it on its own (`DELETE /api/collections/_superusers/records/{id}`): it answers 202 with an approval request for another superuser.',
  ),
  twoPersonRuleNeedsTwo: make(
    'invalid',
    'The two-person rule needs at least two superusers to remain.',
    'Add another superuser first, or turn the two-person rule off (`twoPersonRule.enabled`, itself approved by a second superuser) before deleting this one. The CLI on the server machine (`basalt superuser delete`) bypasses the rule and is recorded in the audit trail.',
  ),
  // backups and restore drills
  backupBusy: make(
    'invalid',
    'Try again later - another backup/restore operation has already been started.',
    'One backup or restore runs at a time: wait for it to finish (`canBackup` of `GET /api/health` turns true again).',
  ),
  backupsStorageFailed: make(
    'invalid',
    'Failed to load backups filesystem.',
    'The backups storage could not be read: check the `backups.s3` settings (or the permissions of `<dataDir>/backups`); the server log has the cause.',
  ),
  backupFailed: make(
    'invalid',
    'Failed to create backup.',
    'The server log and the app logs (`type: backup`) say why: often a full disk or an unreachable `backups.s3` bucket.',
  ),
  invalidBackupName: make(
    'invalid',
    'An error occurred while validating the submitted data.',
    '`name` must match `^[a-z0-9_-]+\\.zip$`, be at most 150 characters and not be taken by another backup.',
  ),
  invalidBackupUpload: make(
    'invalid',
    'Failed to upload backup.',
    'Send the archive as the multipart part `file`, under a `.zip` file name no stored backup has.',
  ),
  missingBackup: make(
    'invalid',
    'Missing or invalid backup file.',
    'No backup is stored under that key: list them with `GET /api/backups`.',
  ),
  backupInUse: make(
    'invalid',
    'The backup is currently being used and cannot be deleted.',
    'A restore or restore drill is reading this backup: delete it once that finished.',
  ),
  backupDownloadForbidden: make(
    'forbidden',
    'Insufficient permissions to access the resource.',
    'Backups download with a superuser *file* token in `?token=` (get one from `POST /api/files/token` as a superuser); the Authorization header is not used.',
  ),
  invalidBackupArchive: documented(
    (detail: string) => new ApiError('invalid', `Invalid backup archive. ${detail}`),
    'The file is not a backup this app can restore: a zip holding `data.db` (PocketBase layout) or a portable archive with its `basalt_manifest.json`, with relative paths only, within the unpacking bounds (see docs/backups.md), and matching its manifest.',
    'The file is not a zip archive.',
  ),
  // webhooks
  missingWebhook: make(
    'not_found',
    'The requested webhook does not exist.',
    'No collection has a webhook of this id: read the ids from the `webhooks` of the collection (`GET /api/collections/{name}`).',
  ),
  missingWebhookDelivery: make(
    'not_found',
    'The requested webhook delivery does not exist.',
    'The delivery is not one of this webhook, or it was removed after `webhooks.maxDays` days: list the deliveries with `GET /api/webhooks/{id}/deliveries`.',
  ),
  // the admin dashboard's first-run setup
  invalidSetupToken: make(
    'invalid',
    'The setup link is invalid or has expired.',
    'First-run links are valid for one hour. Restart `basalt serve` while no superuser exists to print a new link, or create a superuser with `basalt superuser upsert EMAIL PASSWORD`.',
  ),
  setupDone: make(
    'invalid',
    'A superuser exists already: this setup link has been used.',
    'The first superuser has been created: sign in at /_/ with its email and password. Further superusers are created by a superuser or with `basalt superuser upsert`.',
  ),
} as const;
