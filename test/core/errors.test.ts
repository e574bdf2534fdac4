import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Errors } from '../../src/core/errors.js';
import { V } from '../../src/core/validation.js';
import { STATUS_OF_KIND } from '../../src/http/error-handler.js';
import { sentence } from '../../src/lib/sentence.js';

/** Arguments for the catalogue entries that take some (every other entry is called with none). */
const ARGS: Record<string, unknown[]> = {
  requireSameCollection: ['users'],
  collectionRawFailure: ['create', 'boom'],
  deleteCollectionFailed: [['posts']],
  minText: [3],
  maxText: [4],
  passwordMaxText: [71],
  invalidValue: ['x'],
  tooManyValues: [2],
  notEnoughValues: [1],
  jsonSizeLimit: [10],
  contentSizeLimit: [10],
  minNumber: [1],
  maxNumber: [2],
  invalidFile: [['a.txt']],
  tooManyFiles: [2],
  fileSizeLimit: [10],
  invalidRule: ['boom'],
  lengthOutOfRange: [3, 4],
  lengthTooLong: [4],
  minValue: [3],
  maxValue: [4],
  viewQuery: ['boom'],
  collectionsImportFailureDetail: ['boom'],
  existingIndexName: ['posts'],
  uniqueSystemFieldIndex: ['email'],
  missingRequiredUniqueIndex: ['email'],
  indexCreateFailed: ['idx_a', 'boom'],
  missingField: ['email'],
  missingUniqueConstraint: ['email'],
  duplicatedProvider: ['google'],
  invalidRegex: ['bad pattern'],
  batchRequestFailed: [{ data: {}, message: 'Failed to create record.', status: 400 }],
  invalidCron: ['boom'],
  conflictingRateLimitRule: ['/api/'],
  oauth2InitProvider: ['oidc'],
  invalidProvider: ['google'],
  missingProvider: ['acme'],
  invalidSubscription: ['boom'],
  mfaRequired: ['f6gh2k9x0c1v3b4'],
  testEmailFailed: ['boom'],
  invalidBackupArchive: ['The file is not a zip archive.'],
};

function argsFor(name: string): unknown[] {
  return ARGS[name] ?? [];
}

/** The catalogue, pinned: adding, removing or rewording an API error or a validation item is a visible change here. */
const PINNED = {
  errs: {
    badRequest: 'invalid Something went wrong while processing your request.',
    notFound: "not_found The requested resource wasn't found.",
    forbidden: 'forbidden You are not allowed to perform this request.',
    unauthorized: 'unauthorized Missing or invalid authentication.',
    tooLarge: 'too_large Request entity too large.',
    rateLimited: 'rate_limited Too Many Requests.',
    internal: 'internal Something went wrong while processing your request.',
    unsupportedContentType: 'invalid Unsupported Content-Type.',
    missingCollectionContext: 'not_found Missing collection context.',
    missingOrInvalidCollectionContext: 'not_found Missing or invalid collection context.',
    missingAuthCollectionContext: 'not_found Missing or invalid auth collection context.',
    unsupportedCollectionType: 'invalid Unsupported collection type.',
    expandTooLarge:
      'invalid The expand would put too many records in one response. Expand fewer relations or request fewer records per page.',
    superusersOnly: 'forbidden Only superusers can perform this action.',
    onlySuperusersFilterCollection: 'forbidden Only superusers can filter by @collection.',
    onlySuperusersFilterRequest: 'forbidden Only superusers can filter by @request.',
    requireAuth: 'unauthorized The request requires valid record authorization token.',
    requireSuperuser: 'forbidden The authorized record is not allowed to perform this action.',
    requireSameCollection: 'forbidden The request requires auth record from users collection.',
    createRecordFailed: 'invalid Failed to create record.',
    updateRecordFailed: 'invalid Failed to update record.',
    deleteRecordFailed:
      'invalid Failed to delete record. Make sure that the record is not part of a required relation reference.',
    readSubmittedData: 'invalid Failed to read the submitted data.',
    loadSubmittedData: 'invalid An error occurred while loading the submitted data.',
    validateSubmittedData: 'invalid An error occurred while validating the submitted data.',
    createCollectionFailed: 'invalid Failed to create collection.',
    updateCollectionFailed: 'invalid Failed to update collection.',
    collectionRawFailure: 'invalid Failed to create collection. Raw error: \nboom.',
    deleteCollectionFailed: 'invalid Failed to delete collection probably due to existing reference in posts.',
    truncateViewCollection: "invalid View collections cannot be truncated since they don't store their own records.",
    importCollectionsFailed: 'invalid Failed to import collections.',
    invalidCollectionFormatting: 'invalid Failed to load the submitted data due to invalid formatting.',
    truncateCollectionFailed:
      'invalid Failed to truncate collection (most likely due to required cascade delete record references).',
    authFailed: 'invalid Failed to authenticate.',
    passwordAuthDisabled: 'forbidden The collection is not configured to allow password authentication.',
    authRuleFailed: "forbidden The request doesn't satisfy the collection requirements to authenticate.",
    onlySuperuserDelete: "invalid You can't delete the only existing superuser.",
    // batch
    batchNotAllowed: 'forbidden Batch requests are not allowed.',
    invalidBatchData: 'invalid Invalid batch request data.',
    batchTransactionFailed: 'invalid Batch transaction failed.',
    missingCronJob: 'not_found Missing or invalid cron job.',
    updateSettingsFailed: 'invalid An error occurred while saving the new settings.',
    invalidFilterFormat: 'invalid Invalid filter format.',
    // OAuth2
    oauth2Disabled: 'forbidden The collection is not configured to allow OAuth2 authentication.',
    oauth2InitProvider: 'invalid Failed to init provider oidc.',
    oauth2FetchToken: 'invalid Failed to fetch OAuth2 token.',
    oauth2FetchUser: 'invalid Failed to fetch OAuth2 user.',
    // files
    testS3Failed: 'invalid Failed to test the S3 filesystem.',
    rangeNotSatisfiable: 'range_not_satisfiable The requested range is not satisfiable.',
    // realtime
    missingRealtimeClient: 'not_found Missing or invalid client id.',
    realtimeClientIpMismatch: 'invalid Invalid realtime client.',
    realtimeAuthMismatch: "forbidden The current and the previous request authorization don't match.",
    // mail and the auth flows
    otpAuthDisabled: 'forbidden The collection is not configured to allow OTP authentication.',
    invalidOrExpiredOtp: 'invalid Invalid or expired OTP.',
    tooManyOtpAttempts: 'rate_limited Too many attempts, please try again later with a new OTP.',
    mfaRequired: 'unauthorized Multi-factor authentication required.',
    invalidOrExpiredMfa: 'invalid Invalid or expired MFA session.',
    invalidMfa: 'invalid Invalid MFA session.',
    mfaSameMethod: 'invalid A different authentication method is required.',
    superusersAlwaysVerified: 'invalid All superusers are verified by default.',
    superusersChangeEmailDirectly: 'invalid All superusers can change their emails directly.',
    passwordResetDisabled: 'invalid The collection is not configured to allow password authentication.',
    invalidPasswordResetToken: 'invalid Invalid or expired password reset token.',
    testEmailFailed: 'invalid Failed to send the test email. Raw error: \nboom.',
    // hooks, custom routes and migrations in user code
    hookTimeout: 'timeout The request took too long to process.',
    // full-text search
    searchNotEnabled: 'invalid Full-text search is not enabled for this collection.',
    rankWithoutSearch: 'invalid Sorting by @rank needs a search.',
    // metrics and readiness
    metricsUnauthorized: 'unauthorized Reading the metrics needs a superuser or the metrics token.',
    metricsForbidden: 'forbidden Only superusers and the metrics token may read the metrics.',
    databaseUnavailable: 'unavailable The database cannot be reached.',
    shuttingDown: 'unavailable The server is shutting down.',
    // the two-person rule and the audit trail
    approvalSelf: 'forbidden You cannot approve your own request.',
    approvalExpired: 'invalid The approval request has expired.',
    approvalDecided: 'invalid The approval request was already decided.',
    approvalNotInBatch: 'invalid This action needs approval under the two-person rule and cannot run in a batch.',
    twoPersonRuleNeedsTwo: 'invalid The two-person rule needs at least two superusers to remain.',
    // backups and restore drills
    backupBusy: 'invalid Try again later - another backup/restore operation has already been started.',
    backupsStorageFailed: 'invalid Failed to load backups filesystem.',
    backupFailed: 'invalid Failed to create backup.',
    invalidBackupName: 'invalid An error occurred while validating the submitted data.',
    invalidBackupUpload: 'invalid Failed to upload backup.',
    missingBackup: 'invalid Missing or invalid backup file.',
    backupInUse: 'invalid The backup is currently being used and cannot be deleted.',
    backupDownloadForbidden: 'forbidden Insufficient permissions to access the resource.',
    invalidBackupArchive: 'invalid Invalid backup archive. The file is not a zip archive.',
    missingWebhook: 'not_found The requested webhook does not exist.',
    missingWebhookDelivery: 'not_found The requested webhook delivery does not exist.',
    invalidSetupToken: 'invalid The setup link is invalid or has expired.',
    setupDone: 'invalid A superuser exists already: this setup link has been used.',
  },
  items: {
    required: 'validation_required Cannot be blank.',
    nil: 'validation_nil Must be blank.',
    notUnique: 'validation_not_unique Value must be unique.',
    valuesMismatch: "validation_values_mismatch Values don't match.",
    invalidOldPassword: 'validation_invalid_old_password Missing or invalid old password.',
    pkChange: 'validation_pk_change The record primary key cannot be changed.',
    pkInvalid: 'validation_pk_invalid The record primary key is invalid or already exists.',
    invalidAuthId: 'validation_invalid_auth_id Invalid or duplicated auth record id.',
    minText: 'validation_min_text_constraint Must be at least 3 character(s).',
    maxText: 'validation_max_text_constraint Must be no more than 4 character(s).',
    passwordMaxText: 'validation_max_text_constraint Must be less than 71 character(s).',
    invalidFormat: 'validation_invalid_format Invalid value format.',
    invalidValue: 'validation_invalid_value Invalid value x.',
    inInvalid: 'validation_in_invalid Must be a valid value.',
    tooManyValues: 'validation_too_many_values Select no more than 2.',
    notEnoughValues: 'validation_not_enough_values Select at least 1.',
    missingRelRecords: 'validation_missing_rel_records Failed to find all relation records with the provided ids.',
    invalidJson: 'validation_invalid_json Must be a valid json value.',
    jsonSizeLimit: 'validation_json_size_limit The maximum allowed JSON size is 10 bytes.',
    contentSizeLimit: 'validation_content_size_limit The maximum allowed content size is 10 bytes.',
    isEmail: 'validation_is_email Must be a valid email address.',
    emailDomainNotAllowed: 'validation_email_domain_not_allowed Email domain is not allowed.',
    invalidUrl: 'validation_invalid_url Must be a valid url.',
    urlDomainNotAllowed: 'validation_url_domain_not_allowed Url domain is not allowed.',
    notANumber: 'validation_not_a_number The submitted number is not properly formatted.',
    onlyInt: 'validation_only_int_constraint Decimal numbers are not allowed.',
    minNumber: 'validation_min_number_constraint Must be larger than 1.000000.',
    maxNumber: 'validation_max_number_constraint Must be less than 2.000000.',
    invalidLatitude: 'validation_invalid_latitude Latitude must be between -90 and 90 degrees.',
    invalidLongitude: 'validation_invalid_longitude Longitude must be between -180 and 180 degrees.',
    invalidFile: 'validation_invalid_file Invalid new files: [a.txt].',
    tooManyFiles: 'validation_too_many_files The maximum allowed files is 2.',
    fileSizeLimit: 'validation_file_size_limit Failed to upload file - the maximum allowed file size is 10 bytes.',
    invalidMimeType: 'validation_invalid_mime_type Failed to upload file - invalid file type.',
    invalidRule: 'validation_invalid_rule Invalid rule. Raw error: boom',
    unsupportedValueType: 'validation_unsupported_value_type Invalid or unsupported value type.',
    notInInvalid: 'validation_not_in_invalid Must not be in list.',
    foundVia: 'validation_found_via The value must not contain "_via_".',
    matchInvalid: 'validation_match_invalid Must be in a valid format.',
    lengthOutOfRange: 'validation_length_out_of_range The length must be between 3 and 4.',
    lengthTooLong: 'validation_length_too_long The length must be no more than 4.',
    minValue: 'validation_min_greater_equal_than_required Must be no less than 3.',
    maxValue: 'validation_max_less_equal_than_required Must be no greater than 4.',
    collectionNameExists: 'validation_collection_name_exists Collection name must be unique (case insensitive).',
    collectionTypeChange: 'validation_collection_type_change Collection type cannot be changed.',
    collectionSystemChange: 'validation_collection_system_change System collection cannot be changed.',
    duplicatedFieldName: 'validation_duplicated_field_name The field name must be unique.',
    duplicatedFieldId: 'validation_duplicated_field_id The field id must be unique.',
    fieldTypeChange: 'validation_field_type_change Field type cannot be changed.',
    systemFieldChange: 'validation_system_field_change System fields cannot be deleted or renamed.',
    missingPkField: 'validation_missing_primary_key Missing or invalid "id" primary key field.',
    invalidIndex: 'validation_invalid_index_expression Invalid CREATE INDEX expression.',
    duplicatedIndexName: 'validation_duplicated_index_name The index name must be unique.',
    viewQuery: 'validation_invalid_view_query Invalid view query - boom.',
    collectionsImportFailure: 'validation_collections_import_failure Failed to import the collections configuration.',
    collectionsImportFailureDetail:
      'validation_collections_import_failure Failed to import the collections configuration. Raw error:\nboom',
    nilOrNotEmpty: 'validation_nil_or_not_empty_required Cannot be blank.',
    invalidOrExistingId: 'validation_invalid_or_existing_id The model id is invalid or already exists.',
    collectionNameIdDuplicate:
      'validation_collection_name_id_duplicate The name must not match an existing collection id.',
    collectionNameInternalTable:
      "validation_collection_name_invalid The name shouldn't match with an existing internal table.",
    collectionSystemNameChange: 'validation_collection_system_name_change System collection name cannot be changed.',
    collectionSystemFlagChange: 'validation_collection_system_flag_change System collection state cannot be changed.',
    collectionSystemRuleChange:
      'validation_collection_system_rule_change System collection API rule cannot be changed.',
    reservedFieldName: 'validation_reserved_field_name The field name is reserved and cannot be used.',
    indexesNotSupported: "validation_indexes_not_supported View collections don't support indexes.",
    existingIndexName: 'validation_existing_index_name The index name is already used in posts collection.',
    duplicatedIndexDefinition: 'validation_duplicated_index_definition The index definition already exists.',
    uniqueSystemFieldIndex:
      'validation_invalid_unique_system_field_index Unique index definition on system fields (email) is invalid or missing.',
    missingRequiredUniqueIndex:
      'validation_missing_required_unique_index Missing required unique index for field "email".',
    indexCreateFailed: 'validation_invalid_index_expression Failed to create index idx_a - boom.',
    mfaNotEnoughAuths: 'validation_mfa_not_enough_auths MFA requires at least 2 auth methods to be enabled.',
    missingField: 'validation_missing_field Invalid or missing field email.',
    missingUniqueConstraint: "validation_missing_unique_constraint The field email doesn't have a UNIQUE constraint.",
    duplicatedProvider: 'validation_duplicated_provider The provider google is already registered.',
    mustBeBool: 'validation_invalid_value Must be a boolean.',
    mustBeInt: 'validation_invalid_value Must be an integer.',
    mustBeNumberOrNull: 'validation_invalid_value Must be a number or null.',
    mustBeString: 'validation_invalid_value Must be a string.',
    mustBeStringList: 'validation_invalid_value Must be a list of strings.',
    invalidRegex: 'validation_invalid_regex Bad pattern.',
    empty: 'validation_empty Must be blank.',
    isDomain: 'validation_is_domain Must be a valid domain.',
    dateOutOfRange: 'validation_date_out_of_range The date is out of range.',
    relationCollectionChange: 'validation_field_relation_change The relation collection cannot be changed.',
    relationMissingCollection: "validation_field_relation_missing_collection The relation collection doesn't exist.",
    relationToView:
      'validation_relation_field_non_view_base_collection Only view collections are allowed to have relations to other views.',
    compositePk:
      'validation_unsupported_composite_pk Composite PKs are not supported and the collection must have only 1 PK.',
    pkNotNamedId: 'validation_in_invalid The primary key must be named "id".',
    autodateNeedsEvent: 'validation_required Either onCreate or onUpdate must be enabled.',
    // batch
    mustBeList: 'validation_invalid_value Must be a list.',
    mustBeObject: 'validation_invalid_value Must be an object.',
    mustBeTextMap: 'validation_invalid_value Must be an object of text values.',
    batchRequestFailed: 'batch_request_failed Batch request failed.',
    unknownKey: 'validation_unknown_key Unknown key.',
    isHost: 'validation_is_host Must be a valid IP address or DNS name.',
    invalidCron: 'validation_invalid_cron Invalid cron expression - boom.',
    conflictingRateLimitRule:
      'validation_conflicting_rate_limit_rule Rate limit rule configuration with label /api/ already exists or conflicts with another rule.',
    // OAuth2
    invalidProvider: 'validation_invalid_provider Provider with name "google" is missing or is not enabled.',
    missingProvider: 'validation_missing_provider Invalid or missing provider with name "acme".',
    invalidPrivateKey: 'validation_invalid_private_key Invalid or unsupported private key.',
    // files
    notFileField: 'validation_not_file_field Files are not accepted here.',
    emptyFile: 'validation_empty_file The file is empty.',
    unsafeFileName:
      'validation_invalid_file_name The file name holds a path, control characters or text direction marks.',
    // realtime
    invalidSubscription: 'validation_invalid_subscription Invalid subscription: boom.',
    // mail and the auth flows
    invalidToken: 'validation_invalid_token Invalid or expired token.',
    invalidTokenClaims: 'validation_invalid_token_claims Missing or invalid token claims.',
    tokenEmailMismatch: "validation_token_email_mismatch The token email doesn't match with the current record email.",
    tokenCollectionMismatch:
      'validation_token_collection_mismatch The provided token is for different auth collection.',
    invalidNewEmail: 'validation_invalid_new_email Invalid new email address.',
    invalidTokenPayload: 'validation_invalid_token_payload Invalid token payload - newEmail must be set.',
    existingTokenEmail: 'validation_existing_token_email The new email address is already in use.',
    invalidPassword: 'validation_invalid_password Missing or invalid auth record password.',
    // full-text search
    searchFieldMissing: 'validation_search_field_missing No field of this name.',
    searchFieldType: 'validation_search_field_type Only text, editor, email and url fields can be searched.',
    searchFieldsUnsupported: 'validation_search_fields_unsupported View collections cannot have full-text search.',
    // the two-person rule
    twoSuperusersRequired:
      'validation_two_superusers_required At least two superusers are needed to turn on the two-person rule.',
    // backups
    backupNameInvalid:
      'validation_backup_name_invalid The backup name must match ^[a-z0-9_-]+\\.zip$ and be at most 150 characters.',
    backupNameExists: 'validation_backup_name_exists The backup file name is invalid or already exists.',
    webhookUrlScheme: 'validation_webhook_url_scheme Only http and https URLs can receive webhooks.',
    webhookPrivateAddress:
      'validation_webhook_private_address Webhooks cannot be sent to loopback or private addresses.',
    webhookIdExists: 'validation_webhook_id_exists Another webhook has this id.',
    webhooksUnsupported: 'validation_webhooks_unsupported View collections cannot have webhooks.',
  },
};

describe('error catalogue', () => {
  it('holds exactly the pinned errors, kinds and messages', () => {
    const errs: Record<string, string> = {};
    for (const [name, make] of Object.entries(Errors)) {
      const e = (make as (...a: unknown[]) => { kind: string; message: string })(...argsFor(name));
      errs[name] = `${e.kind} ${e.message}`;
    }
    assert.deepEqual(errs, PINNED.errs);
  });

  it('holds exactly the pinned validation items, codes and messages, each defined once', () => {
    const items: Record<string, string> = {};
    for (const [name, make] of Object.entries(V)) {
      const item = (make as (...a: unknown[]) => { code: string; message: string })(...argsFor(name));
      items[name] = `${item.code} ${item.message}`;
    }
    assert.deepEqual(items, PINNED.items);
    const seen = new Map<string, string>();
    for (const [name, text] of Object.entries(items)) {
      assert.equal(seen.get(text), undefined, `${name} duplicates ${seen.get(text)}`);
      seen.set(text, name);
    }
  });

  it('maps every kind to one status and normalises messages into sentences', () => {
    assert.deepEqual(STATUS_OF_KIND, {
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
    });
    assert.equal(sentence('  cannot be blank '), 'Cannot be blank.');
    assert.equal(sentence('Really?'), 'Really?');
    for (const [name, make] of Object.entries(Errors)) {
      const e = (make as (...a: unknown[]) => { message: string })(...argsFor(name));
      assert.match(e.message, /[.?!]$/);
    }
  });
});
