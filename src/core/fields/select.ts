import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired, listCommon } from './base.js';
import { intOption, toUniqueStrings } from './cast.js';
import type { FieldType } from './field-type.js';
import { Options } from './options.js';

export const selectField: FieldType = {
  name: 'select',
  ...listCommon,
  defaults: () => ({ values: [], maxSelect: 0, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, selectField.defaults());
    const values = o.strings('values') ?? [];
    const maxSelect = o.int('maxSelect');
    o.bool('required');
    if (values.length === 0) o.fail('values', V.required());
    o.range('maxSelect', maxSelect, 0, Math.max(values.length, 1));
    return o.errors;
  },

  validate(field: Field, value: unknown) {
    const items = toUniqueStrings(value);
    if (items.length === 0) return isRequired(field) ? V.required() : null;
    const max = Math.max(intOption(field.maxSelect), 1);
    if (items.length > max) return V.tooManyValues(max);
    const allowed = Array.isArray(field.values) ? (field.values as unknown[]) : [];
    const invalid = items.find((item) => !allowed.includes(item));
    return invalid === undefined ? null : V.invalidValue(invalid);
  },
};
