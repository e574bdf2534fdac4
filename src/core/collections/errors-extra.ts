import { ApiError, type FieldError } from '../errors.js';

/** Collection-schema errors whose codes the shared catalogue does not hold yet. */
export const VCollection = {
  inInvalid: (): FieldError => ({ code: 'validation_in_invalid', message: 'Must be a valid value.' }),
  nilOrNotEmpty: (): FieldError => ({ code: 'validation_nil_or_not_empty_required', message: 'Cannot be blank.' }),
  invalidOrExistingId: (): FieldError => ({
    code: 'validation_invalid_or_existing_id',
    message: 'The model id is invalid or already exists.',
  }),
  nameIdDuplicate: (): FieldError => ({
    code: 'validation_collection_name_id_duplicate',
    message: 'The name must not match an existing collection id.',
  }),
  nameInternalTable: (): FieldError => ({
    code: 'validation_collection_name_invalid',
    message: "The name shouldn't match with an existing internal table.",
  }),
  systemNameChange: (): FieldError => ({
    code: 'validation_collection_system_name_change',
    message: 'System collection name cannot be changed.',
  }),
  systemFlagChange: (): FieldError => ({
    code: 'validation_collection_system_flag_change',
    message: 'System collection state cannot be changed.',
  }),
  systemRuleChange: (): FieldError => ({
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
  importFailureDetail: (detail: string): FieldError => ({
    code: 'validation_collections_import_failure',
    message: `Failed to import the collections configuration. Raw error:\n${detail}`,
  }),
} as const;

/** Collection API errors whose messages the shared catalogue does not hold yet. */
export const CollectionErrors = {
  invalidFormatting: () => new ApiError('invalid', 'Failed to load the submitted data due to invalid formatting.'),
  truncateFailed: () =>
    new ApiError(
      'invalid',
      'Failed to truncate collection (most likely due to required cascade delete record references).',
    ),
} as const;
