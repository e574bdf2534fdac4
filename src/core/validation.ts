import { sentence } from '../lib/sentence.js';

/**
 * Validation data: the per-field `{code, message}` items of a 400 response's `data`, keyed by field.
 * The API errors that carry them are in errors.ts.
 */
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

/** Validation error items (code + default message), by code. */
export const V = {
  required: (): FieldError => ({ code: 'validation_required', message: 'Cannot be blank.' }),
  nil: (): FieldError => ({ code: 'validation_nil', message: 'Must be blank.' }),
  notUnique: (): FieldError => ({ code: 'validation_not_unique', message: 'Value must be unique.' }),
  valuesMismatch: (): FieldError => ({ code: 'validation_values_mismatch', message: "Values don't match." }),
  invalidOldPassword: (): FieldError => ({
    code: 'validation_invalid_old_password',
    message: 'Missing or invalid old password.',
  }),
  pkChange: (): FieldError => ({
    code: 'validation_pk_change',
    message: 'The record primary key cannot be changed.',
  }),
  pkInvalid: (): FieldError => ({
    code: 'validation_pk_invalid',
    message: 'The record primary key is invalid or already exists.',
  }),
  invalidAuthId: (): FieldError => ({
    code: 'validation_invalid_auth_id',
    message: 'Invalid or duplicated auth record id.',
  }),
  minText: (min: number): FieldError => ({
    code: 'validation_min_text_constraint',
    message: `Must be at least ${min} character(s).`,
    params: { min },
  }),
  maxText: (max: number): FieldError => ({
    code: 'validation_max_text_constraint',
    message: `Must be no more than ${max} character(s).`,
    params: { max },
  }),
  /** The password field words its upper bound differently from text fields. */
  passwordMaxText: (max: number): FieldError => ({
    code: 'validation_max_text_constraint',
    message: `Must be less than ${max} character(s).`,
    params: { max },
  }),
  invalidFormat: (): FieldError => ({ code: 'validation_invalid_format', message: 'Invalid value format.' }),
  invalidValue: (value?: unknown): FieldError =>
    value === undefined
      ? { code: 'validation_invalid_value', message: 'Invalid value.' }
      : { code: 'validation_invalid_value', message: `Invalid value ${String(value)}.`, params: { value } },
  inInvalid: (): FieldError => ({ code: 'validation_in_invalid', message: 'Must be a valid value.' }),
  tooManyValues: (maxSelect: number): FieldError => ({
    code: 'validation_too_many_values',
    message: `Select no more than ${maxSelect}.`,
    params: { maxSelect },
  }),
  notEnoughValues: (minSelect: number): FieldError => ({
    code: 'validation_not_enough_values',
    message: `Select at least ${minSelect}.`,
    params: { minSelect },
  }),
  missingRelRecords: (): FieldError => ({
    code: 'validation_missing_rel_records',
    message: 'Failed to find all relation records with the provided ids.',
  }),
  invalidJson: (): FieldError => ({ code: 'validation_invalid_json', message: 'Must be a valid json value.' }),
  jsonSizeLimit: (maxSize: number): FieldError => ({
    code: 'validation_json_size_limit',
    message: `The maximum allowed JSON size is ${maxSize} bytes.`,
    params: { maxSize },
  }),
  contentSizeLimit: (maxSize: number): FieldError => ({
    code: 'validation_content_size_limit',
    message: `The maximum allowed content size is ${maxSize} bytes.`,
    params: { maxSize },
  }),
  isEmail: (): FieldError => ({ code: 'validation_is_email', message: 'Must be a valid email address.' }),
  emailDomainNotAllowed: (): FieldError => ({
    code: 'validation_email_domain_not_allowed',
    message: 'Email domain is not allowed.',
  }),
  invalidUrl: (): FieldError => ({ code: 'validation_invalid_url', message: 'Must be a valid url.' }),
  urlDomainNotAllowed: (): FieldError => ({
    code: 'validation_url_domain_not_allowed',
    message: 'Url domain is not allowed.',
  }),
  notANumber: (): FieldError => ({
    code: 'validation_not_a_number',
    message: 'The submitted number is not properly formatted.',
  }),
  onlyInt: (): FieldError => ({ code: 'validation_only_int_constraint', message: 'Decimal numbers are not allowed.' }),
  minNumber: (min: number): FieldError => ({
    code: 'validation_min_number_constraint',
    message: `Must be larger than ${min.toFixed(6)}.`,
  }),
  maxNumber: (max: number): FieldError => ({
    code: 'validation_max_number_constraint',
    message: `Must be less than ${max.toFixed(6)}.`,
  }),
  invalidLatitude: (): FieldError => ({
    code: 'validation_invalid_latitude',
    message: 'Latitude must be between -90 and 90 degrees.',
  }),
  invalidLongitude: (): FieldError => ({
    code: 'validation_invalid_longitude',
    message: 'Longitude must be between -180 and 180 degrees.',
  }),
  invalidFile: (names: string[]): FieldError => ({
    code: 'validation_invalid_file',
    message: `Invalid new files: [${names.join(' ')}].`,
    params: { invalidFiles: names },
  }),
  tooManyFiles: (maxSelect: number): FieldError => ({
    code: 'validation_too_many_files',
    message: `The maximum allowed files is ${maxSelect}.`,
    params: { maxSelect },
  }),
  fileSizeLimit: (maxSize: number): FieldError => ({
    code: 'validation_file_size_limit',
    message: `Failed to upload file - the maximum allowed file size is ${maxSize} bytes.`,
    params: { maxSize },
  }),
  invalidMimeType: (): FieldError => ({
    code: 'validation_invalid_mime_type',
    message: 'Failed to upload file - invalid file type.',
  }),
  invalidRule: (raw: string): FieldError => ({
    code: 'validation_invalid_rule',
    message: `Invalid rule. Raw error: ${raw}`,
  }),
  unsupportedValueType: (): FieldError => ({
    code: 'validation_unsupported_value_type',
    message: 'Invalid or unsupported value type.',
  }),
  notInInvalid: (): FieldError => ({ code: 'validation_not_in_invalid', message: 'Must not be in list.' }),
  foundVia: (): FieldError => ({ code: 'validation_found_via', message: 'The value must not contain "_via_".' }),
  matchInvalid: (): FieldError => ({ code: 'validation_match_invalid', message: 'Must be in a valid format.' }),
  lengthOutOfRange: (min: number, max: number): FieldError => ({
    code: 'validation_length_out_of_range',
    message: `The length must be between ${min} and ${max}.`,
    params: { min, max },
  }),
  lengthTooLong: (max: number): FieldError => ({
    code: 'validation_length_too_long',
    message: `The length must be no more than ${max}.`,
    params: { max },
  }),
  /** A lower bound on a number or a date (`min` is then the date text). */
  minValue: (min: number | string): FieldError => ({
    code: 'validation_min_greater_equal_than_required',
    message: `Must be no less than ${min}.`,
    params: { min },
  }),
  /** An upper bound on a number or a date (`max` is then the date text). */
  maxValue: (max: number | string): FieldError => ({
    code: 'validation_max_less_equal_than_required',
    message: `Must be no greater than ${max}.`,
    params: { max },
  }),

  // Collection schemas.
  collectionNameExists: (): FieldError => ({
    code: 'validation_collection_name_exists',
    message: 'Collection name must be unique (case insensitive).',
  }),
  collectionTypeChange: (): FieldError => ({
    code: 'validation_collection_type_change',
    message: 'Collection type cannot be changed.',
  }),
  collectionSystemChange: (): FieldError => ({
    code: 'validation_collection_system_change',
    message: 'System collection cannot be changed.',
  }),
  duplicatedFieldName: (): FieldError => ({
    code: 'validation_duplicated_field_name',
    message: 'The field name must be unique.',
  }),
  duplicatedFieldId: (): FieldError => ({
    code: 'validation_duplicated_field_id',
    message: 'The field id must be unique.',
  }),
  fieldTypeChange: (): FieldError => ({
    code: 'validation_field_type_change',
    message: 'Field type cannot be changed.',
  }),
  systemFieldChange: (): FieldError => ({
    code: 'validation_system_field_change',
    message: 'System fields cannot be deleted or renamed.',
  }),
  missingPkField: (): FieldError => ({
    code: 'validation_missing_primary_key',
    message: 'Missing or invalid "id" primary key field.',
  }),
  invalidIndex: (): FieldError => ({
    code: 'validation_invalid_index_expression',
    message: 'Invalid CREATE INDEX expression.',
  }),
  duplicatedIndexName: (): FieldError => ({
    code: 'validation_duplicated_index_name',
    message: 'The index name must be unique.',
  }),
  viewQuery: (raw: string): FieldError => ({
    code: 'validation_invalid_view_query',
    message: `Invalid view query - ${raw}.`,
  }),
  collectionsImportFailure: (): FieldError => ({
    code: 'validation_collections_import_failure',
    message: 'Failed to import the collections configuration.',
  }),
  collectionsImportFailureDetail: (detail: string): FieldError => ({
    code: 'validation_collections_import_failure',
    message: `Failed to import the collections configuration. Raw error:\n${detail}`,
  }),
  nilOrNotEmpty: (): FieldError => ({ code: 'validation_nil_or_not_empty_required', message: 'Cannot be blank.' }),
  invalidOrExistingId: (): FieldError => ({
    code: 'validation_invalid_or_existing_id',
    message: 'The model id is invalid or already exists.',
  }),
  collectionNameIdDuplicate: (): FieldError => ({
    code: 'validation_collection_name_id_duplicate',
    message: 'The name must not match an existing collection id.',
  }),
  collectionNameInternalTable: (): FieldError => ({
    code: 'validation_collection_name_invalid',
    message: "The name shouldn't match with an existing internal table.",
  }),
  collectionSystemNameChange: (): FieldError => ({
    code: 'validation_collection_system_name_change',
    message: 'System collection name cannot be changed.',
  }),
  collectionSystemFlagChange: (): FieldError => ({
    code: 'validation_collection_system_flag_change',
    message: 'System collection state cannot be changed.',
  }),
  collectionSystemRuleChange: (): FieldError => ({
    code: 'validation_collection_system_rule_change',
    message: 'System collection API rule cannot be changed.',
  }),
  reservedFieldName: (): FieldError => ({
    code: 'validation_reserved_field_name',
    message: 'The field name is reserved and cannot be used.',
  }),
  indexesNotSupported: (): FieldError => ({
    code: 'validation_indexes_not_supported',
    message: "View collections don't support indexes.",
  }),
  existingIndexName: (collection: string): FieldError => ({
    code: 'validation_existing_index_name',
    message: `The index name is already used in ${collection} collection.`,
    params: { usedTableName: collection },
  }),
  duplicatedIndexDefinition: (): FieldError => ({
    code: 'validation_duplicated_index_definition',
    message: 'The index definition already exists.',
  }),
  uniqueSystemFieldIndex: (fieldName: string): FieldError => ({
    code: 'validation_invalid_unique_system_field_index',
    message: `Unique index definition on system fields (${fieldName}) is invalid or missing.`,
    params: { fieldName },
  }),
  missingRequiredUniqueIndex: (fieldName: string): FieldError => ({
    code: 'validation_missing_required_unique_index',
    message: `Missing required unique index for field "${fieldName}".`,
    params: { fieldName },
  }),
  indexCreateFailed: (indexName: string, raw: string): FieldError => ({
    code: 'validation_invalid_index_expression',
    message: `Failed to create index ${indexName} - ${raw}.`,
  }),

  // Auth collection options.
  mfaNotEnoughAuths: (): FieldError => ({
    code: 'validation_mfa_not_enough_auths',
    message: 'MFA requires at least 2 auth methods to be enabled.',
  }),
  missingField: (fieldName: string): FieldError => ({
    code: 'validation_missing_field',
    message: `Invalid or missing field ${fieldName}.`,
    params: { fieldName },
  }),
  missingUniqueConstraint: (fieldName: string): FieldError => ({
    code: 'validation_missing_unique_constraint',
    message: `The field ${fieldName} doesn't have a UNIQUE constraint.`,
    params: { fieldName },
  }),
  duplicatedProvider: (name: string): FieldError => ({
    code: 'validation_duplicated_provider',
    message: `The provider ${name} is already registered.`,
    params: { name },
  }),

  // Field options (the settings of one field in a collection schema).
  mustBeBool: (): FieldError => ({ code: 'validation_invalid_value', message: 'Must be a boolean.' }),
  mustBeInt: (): FieldError => ({ code: 'validation_invalid_value', message: 'Must be an integer.' }),
  mustBeNumberOrNull: (): FieldError => ({ code: 'validation_invalid_value', message: 'Must be a number or null.' }),
  mustBeString: (): FieldError => ({ code: 'validation_invalid_value', message: 'Must be a string.' }),
  mustBeStringList: (): FieldError => ({ code: 'validation_invalid_value', message: 'Must be a list of strings.' }),
  invalidRegex: (detail: string): FieldError => ({
    code: 'validation_invalid_regex',
    message: sentence(detail || 'Invalid regular expression.'),
  }),
  empty: (): FieldError => ({ code: 'validation_empty', message: 'Must be blank.' }),
  isDomain: (): FieldError => ({ code: 'validation_is_domain', message: 'Must be a valid domain.' }),
  dateOutOfRange: (): FieldError => ({ code: 'validation_date_out_of_range', message: 'The date is out of range.' }),
  relationCollectionChange: (): FieldError => ({
    code: 'validation_field_relation_change',
    message: 'The relation collection cannot be changed.',
  }),
  relationMissingCollection: (): FieldError => ({
    code: 'validation_field_relation_missing_collection',
    message: "The relation collection doesn't exist.",
  }),
  relationToView: (): FieldError => ({
    code: 'validation_relation_field_non_view_base_collection',
    message: 'Only view collections are allowed to have relations to other views.',
  }),
  compositePk: (): FieldError => ({
    code: 'validation_unsupported_composite_pk',
    message: 'Composite PKs are not supported and the collection must have only 1 PK.',
  }),
  pkNotNamedId: (): FieldError => ({ code: 'validation_in_invalid', message: 'The primary key must be named "id".' }),
  autodateNeedsEvent: (): FieldError => ({
    code: 'validation_required',
    message: 'Either onCreate or onUpdate must be enabled.',
  }),
} as const;
