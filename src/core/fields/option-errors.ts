import { type FieldError, sentence } from '../errors.js';

/** Field-settings validation errors whose codes the shared catalogue does not hold (yet). */
export const OptionErrors = {
  invalidRegex: (detail: string): FieldError => ({
    code: 'validation_invalid_regex',
    message: sentence(detail || 'Invalid regular expression.'),
  }),
  empty: (): FieldError => ({ code: 'validation_empty', message: 'Must be blank.' }),
  isDomain: (): FieldError => ({ code: 'validation_is_domain', message: 'Must be a valid domain.' }),
  dateOutOfRange: (): FieldError => ({ code: 'validation_date_out_of_range', message: 'The date is out of range.' }),
  relationChange: (): FieldError => ({
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
  pkName: (): FieldError => ({ code: 'validation_in_invalid', message: 'The primary key must be named "id".' }),
  onCreateOrUpdate: (): FieldError => ({
    code: 'validation_required',
    message: 'Either onCreate or onUpdate must be enabled.',
  }),
} as const;
