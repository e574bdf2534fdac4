import { toBool } from '../../lib/bool.js';
import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import type { FieldType, StorageKind } from './field-type.js';
import { Options } from './options.js';

export const boolField: FieldType = {
  name: 'bool',
  defaults: () => ({ required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, boolField.defaults());
    o.bool('required');
    return o.errors;
  },

  storage: (): StorageKind => 'bool',
  zero: () => false,
  coerce: (_field: Field, input: unknown) => toBool(input),

  validate(field: Field, value: unknown) {
    if (typeof value !== 'boolean') return V.unsupportedValueType();
    return isRequired(field) && !value ? V.required() : null;
  },

  isEmpty: (_field: Field, value: unknown) => value !== true,
};
