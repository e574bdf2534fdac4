import { randomFromPattern } from '../../lib/pattern-random.js';
import type { Field } from '../collection.js';
import { type FieldError, V } from '../validation.js';
import { isRequired, stringCommon } from './base.js';
import { codePointLength, intOption } from './cast.js';
import type { FieldType, OptionsContext } from './field-type.js';
import { MAX_SAFE_JSON_INT, Options } from './options.js';
import { matchesPattern } from './pattern.js';

/** The max length applied when a text field's `max` is 0. */
export const TEXT_MAX_DEFAULT = 5000;

/** Length (in characters) and pattern checks shared by text and password values. */
export function checkText(
  value: string,
  min: number,
  max: number,
  pattern: string,
  maxError: (max: number) => FieldError = V.maxText,
): FieldError | null {
  const length = codePointLength(value);
  if (min > 0 && length < min) return V.minText(min);
  if (max > 0 && length > max) return maxError(max);
  if (pattern !== '' && !matchesPattern(pattern, value)) return V.invalidFormat();
  return null;
}

function checkPrimaryKey(o: Options, ctx: OptionsContext, pattern: string): void {
  const { field } = o;
  if (field.name !== 'id') o.fail('name', V.pkNotNamedId());
  if (pattern === '') o.fail('pattern', V.required());
  if (field.hidden === true) o.fail('hidden', V.empty());
  if (field.required !== true) o.fail('required', V.required());
  const fields = Array.isArray(ctx.collection.fields) ? ctx.collection.fields : [];
  let keys = fields.filter((f) => f.type === 'text' && f.primaryKey === true).length;
  if (!fields.includes(field)) keys++;
  if (keys > 1) o.fail('primaryKey', V.compositePk());
}

export const textField: FieldType = {
  name: 'text',
  ...stringCommon,
  defaults: () => ({ min: 0, max: 0, pattern: '', autogeneratePattern: '', required: false, primaryKey: false }),

  validateOptions(field: Field, ctx: OptionsContext) {
    const o = new Options(field, textField.defaults());
    const min = o.int('min');
    const max = o.int('max');
    o.range('min', min, 0, MAX_SAFE_JSON_INT);
    o.range('max', max, min, MAX_SAFE_JSON_INT);
    const pattern = o.regex('pattern');
    o.regex('autogeneratePattern');
    o.bool('required');
    if (o.bool('primaryKey')) checkPrimaryKey(o, ctx, pattern);
    return o.errors;
  },

  autogenerate(field: Field, prefix: string) {
    const pattern = typeof field.autogeneratePattern === 'string' ? field.autogeneratePattern : '';
    return pattern ? prefix + randomFromPattern(pattern) : prefix;
  },

  validate(field: Field, value: unknown) {
    if (typeof value !== 'string') return V.unsupportedValueType();
    if (value === '') return isRequired(field) || field.primaryKey === true ? V.required() : null;
    const max = intOption(field.max) || TEXT_MAX_DEFAULT;
    const pattern = typeof field.pattern === 'string' ? field.pattern : '';
    return checkText(value, intOption(field.min), max, pattern);
  },
};
