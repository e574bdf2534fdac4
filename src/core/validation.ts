/**
 * Validation data: the per-field `{code, message}` items of a 400 response's `data`, keyed by field.
 * The API errors that carry them are in errors.ts.
 */
import { documented } from '../lib/documented.js';
import { sentence } from '../lib/sentence.js';

export interface FieldError {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Validation errors keyed by field; nested structures nest the same way. */
export interface ErrorData {
  [key: string]: FieldError | ErrorData;
}

/** True when `data` holds at least one field error. */
export function hasErrors(data: ErrorData): boolean {
  return Object.keys(data).length > 0;
}

/** An item with a fixed code and message. */
const item = (code: string, message: string, solve: string) => documented((): FieldError => ({ code, message }), solve);

/**
 * Validation error items (code + default message), by name, each with how to solve it
 * (docs/errors.md is generated from these entries: run `npm run docs:errors` after changing one).
 */
export const V = {
  required: item('validation_required', 'Cannot be blank.', 'Send a non-empty value for the field.'),
  nil: item('validation_nil', 'Must be blank.', 'Leave the property empty (null): it does not apply here.'),
  notUnique: item(
    'validation_not_unique',
    'Value must be unique.',
    'Another record already has this value in a field with a unique index: choose another value.',
  ),
  valuesMismatch: item(
    'validation_values_mismatch',
    "Values don't match.",
    'Send the same value in both fields (such as `password` and `passwordConfirm`), or leave a field you may not change as it is.',
  ),
  invalidOldPassword: item(
    'validation_invalid_old_password',
    'Missing or invalid old password.',
    'To change your own password, send the current one in `oldPassword`.',
  ),
  pkChange: item(
    'validation_pk_change',
    'The record primary key cannot be changed.',
    'Leave `id` out of the update, or send it unchanged.',
  ),
  pkInvalid: item(
    'validation_pk_invalid',
    'The record primary key is invalid or already exists.',
    'Choose another `id`: it must be unique in the collection and avoid reserved names and characters.',
  ),
  invalidAuthId: item(
    'validation_invalid_auth_id',
    'Invalid or duplicated auth record id.',
    'Choose another `id` for the auth record: one that no record of the collection has.',
  ),
  minText: documented(
    (min: number): FieldError => ({
      code: 'validation_min_text_constraint',
      message: `Must be at least ${min} character(s).`,
      params: { min },
    }),
    'Send a longer text (at least `min` characters).',
    3,
  ),
  maxText: documented(
    (max: number): FieldError => ({
      code: 'validation_max_text_constraint',
      message: `Must be no more than ${max} character(s).`,
      params: { max },
    }),
    'Send a shorter text (at most `max` characters).',
    100,
  ),
  /** The password field words its upper bound differently from text fields. */
  passwordMaxText: documented(
    (max: number): FieldError => ({
      code: 'validation_max_text_constraint',
      message: `Must be less than ${max} character(s).`,
      params: { max },
    }),
    'Choose a shorter password.',
    71,
  ),
  invalidFormat: item(
    'validation_invalid_format',
    'Invalid value format.',
    "Send a value that matches the field's `pattern`.",
  ),
  invalidValue: documented(
    (value?: unknown): FieldError =>
      value === undefined
        ? { code: 'validation_invalid_value', message: 'Invalid value.' }
        : { code: 'validation_invalid_value', message: `Invalid value ${String(value)}.`, params: { value } },
    "Send one of the field's allowed `values`.",
    'purple',
  ),
  inInvalid: item('validation_in_invalid', 'Must be a valid value.', 'Send one of the allowed values.'),
  tooManyValues: documented(
    (maxSelect: number): FieldError => ({
      code: 'validation_too_many_values',
      message: `Select no more than ${maxSelect}.`,
      params: { maxSelect },
    }),
    "Send fewer values (at most the field's `maxSelect`).",
    2,
  ),
  notEnoughValues: documented(
    (minSelect: number): FieldError => ({
      code: 'validation_not_enough_values',
      message: `Select at least ${minSelect}.`,
      params: { minSelect },
    }),
    "Send more values (at least the field's `minSelect`).",
    1,
  ),
  missingRelRecords: item(
    'validation_missing_rel_records',
    'Failed to find all relation records with the provided ids.',
    'Send ids of existing records of the related collection.',
  ),
  invalidJson: item(
    'validation_invalid_json',
    'Must be a valid json value.',
    'Send a value that serialises to JSON (in a form field, valid JSON text).',
  ),
  jsonSizeLimit: documented(
    (maxSize: number): FieldError => ({
      code: 'validation_json_size_limit',
      message: `The maximum allowed JSON size is ${maxSize} bytes.`,
      params: { maxSize },
    }),
    "Send a smaller JSON value, or raise the field's `maxSize`.",
    1024,
  ),
  contentSizeLimit: documented(
    (maxSize: number): FieldError => ({
      code: 'validation_content_size_limit',
      message: `The maximum allowed content size is ${maxSize} bytes.`,
      params: { maxSize },
    }),
    "Send shorter content, or raise the field's `maxSize`.",
    1024,
  ),
  isEmail: item('validation_is_email', 'Must be a valid email address.', 'Send an address such as `name@example.com`.'),
  emailDomainNotAllowed: item(
    'validation_email_domain_not_allowed',
    'Email domain is not allowed.',
    "Use an address whose domain is in the field's `onlyDomains` and not in its `exceptDomains`.",
  ),
  invalidUrl: item(
    'validation_invalid_url',
    'Must be a valid url.',
    'Send an absolute URL such as `https://example.com/path`.',
  ),
  urlDomainNotAllowed: item(
    'validation_url_domain_not_allowed',
    'Url domain is not allowed.',
    "Use a URL whose host is in the field's `onlyDomains` and not in its `exceptDomains`.",
  ),
  notANumber: item(
    'validation_not_a_number',
    'The submitted number is not properly formatted.',
    'Send a finite number (in a form field, decimal digits).',
  ),
  onlyInt: item(
    'validation_only_int_constraint',
    'Decimal numbers are not allowed.',
    'Send a whole number: the field has `onlyInt` set.',
  ),
  minNumber: documented(
    (min: number): FieldError => ({
      code: 'validation_min_number_constraint',
      message: `Must be larger than ${min.toFixed(6)}.`,
    }),
    "Send a number no smaller than the field's `min`.",
    1,
  ),
  maxNumber: documented(
    (max: number): FieldError => ({
      code: 'validation_max_number_constraint',
      message: `Must be less than ${max.toFixed(6)}.`,
    }),
    "Send a number no larger than the field's `max`.",
    10,
  ),
  invalidLatitude: item(
    'validation_invalid_latitude',
    'Latitude must be between -90 and 90 degrees.',
    'Send `lat` between -90 and 90.',
  ),
  invalidLongitude: item(
    'validation_invalid_longitude',
    'Longitude must be between -180 and 180 degrees.',
    'Send `lon` between -180 and 180.',
  ),
  invalidFile: documented(
    (names: string[]): FieldError => ({
      code: 'validation_invalid_file',
      message: `Invalid new files: [${names.join(' ')}].`,
      params: { invalidFiles: names },
    }),
    'Upload readable, non-empty files.',
    ['a.txt'],
  ),
  tooManyFiles: documented(
    (maxSelect: number): FieldError => ({
      code: 'validation_too_many_files',
      message: `The maximum allowed files is ${maxSelect}.`,
      params: { maxSelect },
    }),
    "Send fewer files (at most the field's `maxSelect`), or remove some existing ones.",
    2,
  ),
  fileSizeLimit: documented(
    (maxSize: number): FieldError => ({
      code: 'validation_file_size_limit',
      message: `Failed to upload file - the maximum allowed file size is ${maxSize} bytes.`,
      params: { maxSize },
    }),
    "Upload a smaller file, or raise the field's `maxSize`.",
    5242880,
  ),
  invalidMimeType: item(
    'validation_invalid_mime_type',
    'Failed to upload file - invalid file type.',
    "Upload a file of one of the field's `mimeTypes`.",
  ),
  invalidRule: documented(
    (raw: string): FieldError => ({
      code: 'validation_invalid_rule',
      message: `Invalid rule. Raw error: ${raw}`,
    }),
    'Fix the rule: the raw error names the problem (a syntax error, an unknown field, or a construct the rule language does not allow). See docs/rules.md.',
    'unknown field "titel"',
  ),
  unsupportedValueType: item(
    'validation_unsupported_value_type',
    'Invalid or unsupported value type.',
    'Send a value of the type the field expects (such as a date text for a date field, or `{lon, lat}` for a geo point).',
  ),
  notInInvalid: item(
    'validation_not_in_invalid',
    'Must not be in list.',
    'Choose another value: this one is reserved.',
  ),
  foundVia: item(
    'validation_found_via',
    'The value must not contain "_via_".',
    'Choose a name without `_via_`, which the rule language uses for back-relations.',
  ),
  matchInvalid: item(
    'validation_match_invalid',
    'Must be in a valid format.',
    'Use only the allowed characters (for names: letters, digits and underscores).',
  ),
  lengthOutOfRange: documented(
    (min: number, max: number): FieldError => ({
      code: 'validation_length_out_of_range',
      message: `The length must be between ${min} and ${max}.`,
      params: { min, max },
    }),
    'Send a value whose length is within the range.',
    30,
    255,
  ),
  lengthTooLong: documented(
    (max: number): FieldError => ({
      code: 'validation_length_too_long',
      message: `The length must be no more than ${max}.`,
      params: { max },
    }),
    'Send a shorter value.',
    255,
  ),
  /** A lower bound on a number or a date (`min` is then the date text). */
  minValue: documented(
    (min: number | string): FieldError => ({
      code: 'validation_min_greater_equal_than_required',
      message: `Must be no less than ${min}.`,
      params: { min },
    }),
    'Send a value no smaller (or no earlier) than the bound.',
    0,
  ),
  /** An upper bound on a number or a date (`max` is then the date text). */
  maxValue: documented(
    (max: number | string): FieldError => ({
      code: 'validation_max_less_equal_than_required',
      message: `Must be no greater than ${max}.`,
      params: { max },
    }),
    'Send a value no larger (or no later) than the bound.',
    '2030-01-01 00:00:00.000Z',
  ),

  // Collection schemas.
  collectionNameExists: item(
    'validation_collection_name_exists',
    'Collection name must be unique (case insensitive).',
    'Choose a collection name that no other collection has, ignoring case.',
  ),
  collectionTypeChange: item(
    'validation_collection_type_change',
    'Collection type cannot be changed.',
    'Keep the `type`; to change it, create a new collection and move the records.',
  ),
  collectionSystemChange: item(
    'validation_collection_system_change',
    'System collection cannot be changed.',
    'Leave system collections as they are.',
  ),
  duplicatedFieldName: item(
    'validation_duplicated_field_name',
    'The field name must be unique.',
    'Give each field of the collection its own name (compared ignoring case).',
  ),
  duplicatedFieldId: item(
    'validation_duplicated_field_id',
    'The field id must be unique.',
    'Give each field of the collection its own `id`, or leave it out to have one generated.',
  ),
  fieldTypeChange: item(
    'validation_field_type_change',
    'Field type cannot be changed.',
    'Keep the field `type`; to change it, add a new field and drop the old one.',
  ),
  systemFieldChange: item(
    'validation_system_field_change',
    'System fields cannot be deleted or renamed.',
    'Keep the system fields (such as `id`, `email` or `password`) with their names.',
  ),
  missingPkField: item(
    'validation_missing_primary_key',
    'Missing or invalid "id" primary key field.',
    'Keep an `id` field of type `text` with `primaryKey: true`.',
  ),
  invalidIndex: item(
    'validation_invalid_index_expression',
    'Invalid CREATE INDEX expression.',
    'Write the index as `CREATE [UNIQUE] INDEX name ON table (columns) [WHERE …]`.',
  ),
  duplicatedIndexName: item(
    'validation_duplicated_index_name',
    'The index name must be unique.',
    'Give each index of the collection its own name.',
  ),
  viewQuery: documented(
    (raw: string): FieldError => ({
      code: 'validation_invalid_view_query',
      message: `Invalid view query - ${raw}.`,
    }),
    'Fix the `viewQuery`: one SELECT statement that returns an `id` column and names each column once; the raw error says what is wrong.',
    'missing id column',
  ),
  collectionsImportFailure: item(
    'validation_collections_import_failure',
    'Failed to import the collections configuration.',
    'Fix the imported collections: each must be valid on its own and together with the others.',
  ),
  collectionsImportFailureDetail: documented(
    (detail: string): FieldError => ({
      code: 'validation_collections_import_failure',
      message: `Failed to import the collections configuration. Raw error:\n${detail}`,
    }),
    'Fix the imported collection that the raw error names.',
    'posts: name: Cannot be blank.',
  ),
  nilOrNotEmpty: item(
    'validation_nil_or_not_empty_required',
    'Cannot be blank.',
    'Set the rule to null (superusers only) or to a non-empty expression.',
  ),
  invalidOrExistingId: item(
    'validation_invalid_or_existing_id',
    'The model id is invalid or already exists.',
    'Choose another `id`, or leave it out to have one generated.',
  ),
  collectionNameIdDuplicate: item(
    'validation_collection_name_id_duplicate',
    'The name must not match an existing collection id.',
    "Choose a name that is not another collection's id.",
  ),
  collectionNameInternalTable: item(
    'validation_collection_name_invalid',
    "The name shouldn't match with an existing internal table.",
    'Choose a name that no internal table of the database uses.',
  ),
  collectionSystemNameChange: item(
    'validation_collection_system_name_change',
    'System collection name cannot be changed.',
    'Keep the name of a system collection.',
  ),
  collectionSystemFlagChange: item(
    'validation_collection_system_flag_change',
    'System collection state cannot be changed.',
    'Leave the `system` property as it is.',
  ),
  collectionSystemRuleChange: item(
    'validation_collection_system_rule_change',
    'System collection API rule cannot be changed.',
    'Keep the API rules of a system collection as they are.',
  ),
  reservedFieldName: item(
    'validation_reserved_field_name',
    'The field name is reserved and cannot be used.',
    'Choose another field name: auth collections reserve some (such as `passwordConfirm` and `oldPassword`).',
  ),
  indexesNotSupported: item(
    'validation_indexes_not_supported',
    "View collections don't support indexes.",
    'Leave `indexes` empty on a view collection; index the collections it selects from instead.',
  ),
  existingIndexName: documented(
    (collection: string): FieldError => ({
      code: 'validation_existing_index_name',
      message: `The index name is already used in ${collection} collection.`,
      params: { usedTableName: collection },
    }),
    'Index names are shared by the whole database: choose a name that no other collection uses.',
    'posts',
  ),
  duplicatedIndexDefinition: item(
    'validation_duplicated_index_definition',
    'The index definition already exists.',
    'Remove the index that repeats another one of the collection.',
  ),
  uniqueSystemFieldIndex: documented(
    (fieldName: string): FieldError => ({
      code: 'validation_invalid_unique_system_field_index',
      message: `Unique index definition on system fields (${fieldName}) is invalid or missing.`,
      params: { fieldName },
    }),
    'Keep the unique index on the system field that it names.',
    'email',
  ),
  missingRequiredUniqueIndex: documented(
    (fieldName: string): FieldError => ({
      code: 'validation_missing_required_unique_index',
      message: `Missing required unique index for field "${fieldName}".`,
      params: { fieldName },
    }),
    'Add a single-column UNIQUE index on that field (an identity field of an auth collection needs one).',
    'email',
  ),
  indexCreateFailed: documented(
    (indexName: string, raw: string): FieldError => ({
      code: 'validation_invalid_index_expression',
      message: `Failed to create index ${indexName} - ${raw}.`,
    }),
    'The database could not build the index (the raw error says why), for example because existing records break a UNIQUE index: fix the records or the index.',
    'idx_slug',
    'UNIQUE constraint failed: posts.slug',
  ),

  // Auth collection options.
  mfaNotEnoughAuths: item(
    'validation_mfa_not_enough_auths',
    'MFA requires at least 2 auth methods to be enabled.',
    'Enable a second auth method (such as OTP or OAuth2) before enabling MFA.',
  ),
  missingField: documented(
    (fieldName: string): FieldError => ({
      code: 'validation_missing_field',
      message: `Invalid or missing field ${fieldName}.`,
      params: { fieldName },
    }),
    'Name an existing field of the collection.',
    'username',
  ),
  missingUniqueConstraint: documented(
    (fieldName: string): FieldError => ({
      code: 'validation_missing_unique_constraint',
      message: `The field ${fieldName} doesn't have a UNIQUE constraint.`,
      params: { fieldName },
    }),
    'Add a single-column UNIQUE index on the field before using it as an identity field.',
    'username',
  ),
  duplicatedProvider: documented(
    (name: string): FieldError => ({
      code: 'validation_duplicated_provider',
      message: `The provider ${name} is already registered.`,
      params: { name },
    }),
    'List each OAuth2 provider once.',
    'google',
  ),

  // Field options (the settings of one field in a collection schema).
  mustBeBool: item('validation_invalid_value', 'Must be a boolean.', 'Send `true` or `false`.'),
  mustBeInt: item('validation_invalid_value', 'Must be an integer.', 'Send a whole number.'),
  mustBeNumberOrNull: item('validation_invalid_value', 'Must be a number or null.', 'Send a number, or null for none.'),
  mustBeString: item('validation_invalid_value', 'Must be a string.', 'Send a text value.'),
  mustBeStringList: item('validation_invalid_value', 'Must be a list of strings.', 'Send a JSON array of texts.'),
  invalidRegex: documented(
    (detail: string): FieldError => ({
      code: 'validation_invalid_regex',
      message: sentence(detail || 'Invalid regular expression.'),
    }),
    'Fix the `pattern`: a regular expression in the Go (RE2) syntax, without look-around or back-references.',
    'missing closing )',
  ),
  empty: item(
    'validation_empty',
    'Must be blank.',
    'Leave this option empty: it does not apply with the other options set.',
  ),
  isDomain: item('validation_is_domain', 'Must be a valid domain.', 'List domain names such as `example.com`.'),
  dateOutOfRange: item('validation_date_out_of_range', 'The date is out of range.', 'Set `max` no earlier than `min`.'),
  relationCollectionChange: item(
    'validation_field_relation_change',
    'The relation collection cannot be changed.',
    'Keep the `collectionId` of the relation field; to point elsewhere, add a new field.',
  ),
  relationMissingCollection: item(
    'validation_field_relation_missing_collection',
    "The relation collection doesn't exist.",
    'Set `collectionId` to the id of an existing collection.',
  ),
  relationToView: item(
    'validation_relation_field_non_view_base_collection',
    'Only view collections are allowed to have relations to other views.',
    'Point the relation at a base or auth collection, or make this collection a view.',
  ),
  compositePk: item(
    'validation_unsupported_composite_pk',
    'Composite PKs are not supported and the collection must have only 1 PK.',
    'Mark only the `id` field as `primaryKey`.',
  ),
  pkNotNamedId: item(
    'validation_in_invalid',
    'The primary key must be named "id".',
    'Name the primary key field `id`.',
  ),
  autodateNeedsEvent: item(
    'validation_required',
    'Either onCreate or onUpdate must be enabled.',
    'Set `onCreate`, `onUpdate` or both on the autodate field.',
  ),

  // Batch requests (POST /api/batch)
  mustBeList: item('validation_invalid_value', 'Must be a list.', 'Send a JSON array.'),
  mustBeObject: item('validation_invalid_value', 'Must be an object.', 'Send a JSON object (`{...}`).'),
  mustBeTextMap: item(
    'validation_invalid_value',
    'Must be an object of text values.',
    'Send a JSON object whose values are strings, such as `{"X-Trace": "1"}`.',
  ),
  batchRequestFailed: documented(
    (response: Readonly<Record<string, unknown>>): FieldError & { response: unknown } => ({
      code: 'batch_request_failed',
      message: 'Batch request failed.',
      response,
    }),
    'The sub-request at this index failed with `response` (the answer it would get on its own), so the whole batch was rolled back: fix that sub-request.',
    { data: {}, message: 'Failed to create record.', status: 400 },
  ),
  // Settings (mustBeObject and mustBeList above serve it too).
  unknownKey: item(
    'validation_unknown_key',
    'Unknown key.',
    'Leave the key out: the object has no such property (check its spelling against docs/settings.md).',
  ),
  isHost: item(
    'validation_is_host',
    'Must be a valid IP address or DNS name.',
    'Send a host name such as `smtp.example.com`, or an IP address, without a scheme or port.',
  ),
  invalidCron: documented(
    (detail: string): FieldError => ({
      code: 'validation_invalid_cron',
      message: `Invalid cron expression - ${detail}.`,
    }),
    'Send five space-separated fields (minute hour day-of-month month day-of-week, such as `0 3 * * *`) or a macro such as `@daily`; leave it empty to turn the schedule off.',
    'invalid value for minute: 61',
  ),
  conflictingRateLimitRule: documented(
    (label: string): FieldError => ({
      code: 'validation_conflicting_rate_limit_rule',
      message: `Rate limit rule configuration with label ${label} already exists or conflicts with another rule.`,
      params: { label },
    }),
    'Each label may appear once per audience, and a label for everyone (audience `""`) may not also appear for `@guest` or `@auth`: remove or merge the repeated rule.',
    '/api/',
  ),
  // OAuth2 sign-in
  invalidProvider: documented(
    (name: string): FieldError => ({
      code: 'validation_invalid_provider',
      message: `Provider with name ${JSON.stringify(name)} is missing or is not enabled.`,
      params: { name },
    }),
    "Use the `name` of a provider listed in the collection's `oauth2.providers` (see auth-methods).",
    'google',
  ),
  missingProvider: documented(
    (name: string): FieldError => ({
      code: 'validation_missing_provider',
      message: `Invalid or missing provider with name ${JSON.stringify(name)}.`,
      params: { name },
    }),
    'Name a known OAuth2 provider (see docs/oauth2.md for the list), such as `google`, `github` or `oidc`.',
    'acme',
  ),
  invalidPrivateKey: item(
    'validation_invalid_private_key',
    'Invalid or unsupported private key.',
    'Send the PEM of the ES256 (P-256) private key Apple gave you, `-----BEGIN PRIVATE KEY-----` lines included.',
  ),
  // Files (uploads through record create/update)
  notFileField: item(
    'validation_not_file_field',
    'Files are not accepted here.',
    'Send file parts only under the name of a file field (`documents`, `documents+` or `+documents`); other values go in plain or `@jsonPayload` parts.',
  ),
  emptyFile: item('validation_empty_file', 'The file is empty.', 'Upload a file with content.'),
  unsafeFileName: item(
    'validation_invalid_file_name',
    'The file name holds a path, control characters or text direction marks.',
    'Send the bare file name (no folders), without control characters or Unicode direction controls.',
  ),
  // realtime subscriptions
  invalidSubscription: documented(
    (reason: string): FieldError => ({
      code: 'validation_invalid_subscription',
      message: `Invalid subscription: ${reason}.`,
    }),
    'Send a topic such as `posts/*` or `posts/RECORD_ID`, optionally with `?options=` holding URL-encoded JSON `{"query":{...},"headers":{...}}`, whose `filter` compiles for the collection (non-superusers may not use `@collection` or `@request` in it).',
    'options is not valid JSON',
  ),
  // Mail and the auth flows
  invalidToken: item(
    'validation_invalid_token',
    'Invalid or expired token.',
    'The token is malformed, expired, of another type, or no longer valid (the password or email changed since): request a new one.',
  ),
  invalidTokenClaims: item(
    'validation_invalid_token_claims',
    'Missing or invalid token claims.',
    'Send the token exactly as it was emailed: it lacks the claims of its type.',
  ),
  tokenEmailMismatch: item(
    'validation_token_email_mismatch',
    "The token email doesn't match with the current record email.",
    'The email changed after the token was sent: request a new one.',
  ),
  tokenCollectionMismatch: item(
    'validation_token_collection_mismatch',
    'The provided token is for different auth collection.',
    'Confirm through the auth collection the token was issued for.',
  ),
  invalidNewEmail: item(
    'validation_invalid_new_email',
    'Invalid new email address.',
    'Send a valid address that differs from the current one and that no other record of the collection uses.',
  ),
  invalidTokenPayload: item(
    'validation_invalid_token_payload',
    'Invalid token payload - newEmail must be set.',
    'Send the email-change token exactly as it was emailed.',
  ),
  existingTokenEmail: item(
    'validation_existing_token_email',
    'The new email address is already in use.',
    'Another record took this address after the change was requested: request the change to another address.',
  ),
  invalidPassword: item(
    'validation_invalid_password',
    'Missing or invalid auth record password.',
    'Send the current password of the record.',
  ),
  // full-text search
  searchFieldMissing: item(
    'validation_search_field_missing',
    'No field of this name.',
    '`searchFields` names fields of the collection: use the name of one of its fields (after any rename in the same request).',
  ),
  searchFieldType: item(
    'validation_search_field_type',
    'Only text, editor, email and url fields can be searched.',
    'Remove the field from `searchFields`, or choose a field of type text, editor, email or url.',
  ),
  searchFieldsUnsupported: item(
    'validation_search_fields_unsupported',
    'View collections cannot have full-text search.',
    'Leave `searchFields` empty on view collections; add it to the base collection the view reads instead.',
  ),
  // the two-person rule
  twoSuperusersRequired: item(
    'validation_two_superusers_required',
    'At least two superusers are needed to turn on the two-person rule.',
    'Create a second superuser (`POST /api/collections/_superusers/records` or `basalt superuser upsert`), then turn `twoPersonRule.enabled` on.',
  ),
  // backups
  backupNameInvalid: item(
    'validation_backup_name_invalid',
    'The backup name must match ^[a-z0-9_-]+\\.zip$ and be at most 150 characters.',
    'Use lowercase letters, digits, `_` and `-`, ending in `.zip` (uploads keep their file name, which must also end in `.zip` and hold no path).',
  ),
  backupNameExists: item(
    'validation_backup_name_exists',
    'The backup file name is invalid or already exists.',
    'Pick another name, or delete the stored backup of that name first.',
  ),
  // webhooks
  webhookUrlScheme: item(
    'validation_webhook_url_scheme',
    'Only http and https URLs can receive webhooks.',
    'Send an absolute `http://` or `https://` URL of the receiver.',
  ),
  webhookPrivateAddress: item(
    'validation_webhook_private_address',
    'Webhooks cannot be sent to loopback or private addresses.',
    'Use a receiver on a public address. For development, a superuser can allow private addresses with the setting `webhooks.allowPrivateAddresses` (docs/webhooks.md).',
  ),
  webhookIdExists: item(
    'validation_webhook_id_exists',
    'Another webhook has this id.',
    'Webhook ids are unique across all collections: leave `id` out for a new webhook (one is generated) or choose another.',
  ),
  webhooksUnsupported: item(
    'validation_webhooks_unsupported',
    'View collections cannot have webhooks.',
    'Leave `webhooks` empty on view collections; add the webhook to the collection the view reads instead.',
  ),
} as const;
