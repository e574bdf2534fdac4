import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import { parseDate, toDateString } from './date-parse.js';
import type { FieldType, StorageKind } from './field-type.js';
import { Options } from './options.js';

function dateOption(o: Options, key: string): string {
  const raw = o.field[key];
  const value = raw instanceof Date ? toDateString(raw) : toDateString(o.string(key));
  o.field[key] = value;
  return value;
}

function bound(value: unknown): { text: string; ms: number } | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = parseDate(value);
  return ms === null ? null : { text: value, ms };
}

export const dateField: FieldType = {
  name: 'date',
  defaults: () => ({ min: '', max: '', required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, dateField.defaults());
    const min = bound(dateOption(o, 'min'));
    const max = bound(dateOption(o, 'max'));
    o.bool('required');
    if (min && max && max.ms < min.ms) o.fail('max', V.dateOutOfRange());
    return o.errors;
  },

  storage: (): StorageKind => 'text',
  zero: () => '',
  coerce: (_field: Field, input: unknown) => toDateString(input),

  validate(field: Field, value: unknown) {
    if (typeof value !== 'string') return V.unsupportedValueType();
    if (value === '') return isRequired(field) ? V.required() : null;
    const ms = parseDate(value);
    if (ms === null) return V.unsupportedValueType();
    const min = bound(field.min);
    if (min && ms < min.ms) return V.minValue(min.text);
    const max = bound(field.max);
    if (max && ms > max.ms) return V.maxValue(max.text);
    return null;
  },

  isEmpty: (_field: Field, value: unknown) => typeof value !== 'string' || value === '',
};
