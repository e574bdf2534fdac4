import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import { toNumber } from './cast.js';
import type { FieldType, ModifierOp, StorageKind } from './field-type.js';
import { Options } from './options.js';

function numberOption(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const numberField: FieldType = {
  name: 'number',
  defaults: () => ({ min: null, max: null, onlyInt: false, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, numberField.defaults());
    const min = o.numberOrNull('min');
    const max = o.numberOrNull('max');
    const onlyInt = o.bool('onlyInt');
    o.bool('required');
    if (onlyInt && min !== null && !Number.isInteger(min)) o.fail('min', V.onlyInt());
    if (onlyInt && max !== null && !Number.isInteger(max)) o.fail('max', V.onlyInt());
    if (min !== null && max !== null && max < min) o.fail('max', V.minValue(min));
    return o.errors;
  },

  storage: (): StorageKind => 'number',
  zero: () => 0,
  coerce: (_field: Field, input: unknown) => toNumber(input),

  validate(field: Field, value: unknown) {
    if (typeof value !== 'number') return V.unsupportedValueType();
    if (!Number.isFinite(value)) return V.notANumber();
    if (value === 0) return isRequired(field) ? V.required() : null;
    if (field.onlyInt === true && !Number.isInteger(value)) return V.onlyInt();
    const min = numberOption(field.min);
    if (min !== null && value < min) return V.minNumber(min);
    const max = numberOption(field.max);
    if (max !== null && value > max) return V.maxNumber(max);
    return null;
  },

  modify(_field: Field, current: unknown, op: ModifierOp, input: unknown) {
    const now = toNumber(current);
    if (op === 'append') return now + toNumber(input);
    if (op === 'remove') return now - toNumber(input);
    return now;
  },

  isEmpty: (_field: Field, value: unknown) => value === 0 || value === null || value === undefined,
};
