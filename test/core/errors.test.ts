import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Errors, sentence, V } from '../../src/core/errors.js';
import { STATUS_OF_KIND } from '../../src/http/error-handler.js';

/** Arguments for the catalogue entries that take some. */
function argsFor(name: string): unknown[] {
  if (name === 'invalidFile') return [['a.txt']];
  if (name === 'deleteCollectionFailed') return [['posts']];
  if (name === 'requireSameCollection') return ['users'];
  if (name === 'collectionRawFailure') return ['create', 'boom'];
  return [];
}

/** The catalogue, pinned: adding, removing or rewording an API error is a visible change here. */
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
    authFailed: 'invalid Failed to authenticate.',
    passwordAuthDisabled: 'forbidden The collection is not configured to allow password authentication.',
    authRuleFailed: "forbidden The request doesn't satisfy the collection requirements to authenticate.",
    onlySuperuserDelete: "invalid You can't delete the only existing superuser.",
  },
  codes: {
    required: 'validation_required',
    nil: 'validation_nil',
    notUnique: 'validation_not_unique',
    valuesMismatch: 'validation_values_mismatch',
    invalidOldPassword: 'validation_invalid_old_password',
    pkChange: 'validation_pk_change',
    pkInvalid: 'validation_pk_invalid',
    invalidAuthId: 'validation_invalid_auth_id',
    minText: 'validation_min_text_constraint',
    maxText: 'validation_max_text_constraint',
    invalidFormat: 'validation_invalid_format',
    invalidValue: 'validation_invalid_value',
    tooManyValues: 'validation_too_many_values',
    notEnoughValues: 'validation_not_enough_values',
    missingRelRecords: 'validation_missing_rel_records',
    invalidJson: 'validation_invalid_json',
    jsonSizeLimit: 'validation_json_size_limit',
    contentSizeLimit: 'validation_content_size_limit',
    isEmail: 'validation_is_email',
    emailDomainNotAllowed: 'validation_email_domain_not_allowed',
    invalidUrl: 'validation_invalid_url',
    urlDomainNotAllowed: 'validation_url_domain_not_allowed',
    notANumber: 'validation_not_a_number',
    onlyInt: 'validation_only_int_constraint',
    minNumber: 'validation_min_number_constraint',
    maxNumber: 'validation_max_number_constraint',
    minDate: 'validation_min_greater_equal_than_required',
    maxDate: 'validation_max_less_equal_than_required',
    invalidLatitude: 'validation_invalid_latitude',
    invalidLongitude: 'validation_invalid_longitude',
    invalidFile: 'validation_invalid_file',
    tooManyFiles: 'validation_too_many_files',
    fileSizeLimit: 'validation_file_size_limit',
    invalidMimeType: 'validation_invalid_mime_type',
    invalidRule: 'validation_invalid_rule',
    unsupportedValueType: 'validation_unsupported_value_type',
    notInInvalid: 'validation_not_in_invalid',
    foundVia: 'validation_found_via',
    matchInvalid: 'validation_match_invalid',
    lengthOutOfRange: 'validation_length_out_of_range',
    lengthTooLong: 'validation_length_too_long',
    minValue: 'validation_min_greater_equal_than_required',
    maxValue: 'validation_max_less_equal_than_required',
    collectionNameExists: 'validation_collection_name_exists',
    collectionTypeChange: 'validation_collection_type_change',
    collectionSystemChange: 'validation_collection_system_change',
    duplicatedFieldName: 'validation_duplicated_field_name',
    duplicatedFieldId: 'validation_duplicated_field_id',
    fieldTypeChange: 'validation_field_type_change',
    systemFieldChange: 'validation_system_field_change',
    missingPkField: 'validation_missing_primary_key',
    invalidIndex: 'validation_invalid_index_expression',
    duplicatedIndexName: 'validation_duplicated_index_name',
    viewQuery: 'validation_invalid_view_query',
    collectionsImportFailure: 'validation_collections_import_failure',
    invalidFieldOption: 'validation_invalid_value',
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

  it('holds exactly the pinned validation codes', () => {
    const codes: Record<string, string> = {};
    for (const [name, make] of Object.entries(V)) {
      const args = argsFor(name);
      codes[name] = (make as (...a: unknown[]) => { code: string })(...(args.length ? args : [3, 4])).code;
    }
    assert.deepEqual(codes, PINNED.codes);
  });

  it('maps every kind to one status and normalises messages into sentences', () => {
    assert.deepEqual(STATUS_OF_KIND, {
      invalid: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      too_large: 413,
      rate_limited: 429,
      internal: 500,
    });
    assert.equal(sentence('  cannot be blank '), 'Cannot be blank.');
    assert.equal(sentence('Really?'), 'Really?');
    for (const [name, make] of Object.entries(Errors)) {
      const e = (make as (...a: unknown[]) => { message: string })(...argsFor(name));
      assert.match(e.message, /[.?!]$/);
    }
  });
});
