import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import { intOption, toStr } from './cast.js';
import type { FieldType, StorageKind } from './field-type.js';
import { Options } from './options.js';
import { checkText } from './text.js';

/** bcrypt reads at most 72 bytes; the field allows at most 71 characters. */
export const PASSWORD_MAX = 71;
export const BCRYPT_DEFAULT_COST = 10;

/** The bcrypt cost to hash with (0 means the default). */
export function passwordCost(field: Field): number {
  return intOption(field.cost) || BCRYPT_DEFAULT_COST;
}

/** A password value: the plain text just submitted and/or the stored hash. */
export interface PasswordValue {
  plain?: string;
  hash?: string;
}

function parts(value: unknown): { plain: string; hash: string } | null {
  if (typeof value === 'string') return { plain: value, hash: '' };
  if (typeof value !== 'object' || value === null) return null;
  const { plain = '', hash = '' } = value as Record<string, unknown>;
  return typeof plain === 'string' && typeof hash === 'string' ? { plain, hash } : null;
}

/**
 * The value handled here is the plain password (a string), or `{plain, hash}` when the record service
 * also knows the stored hash (an unchanged password on update then passes `required`).
 */
export const passwordField: FieldType = {
  name: 'password',
  defaults: () => ({ min: 0, max: 0, pattern: '', cost: 0, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, passwordField.defaults());
    const min = o.int('min');
    o.range('min', min, 1, PASSWORD_MAX);
    o.range('max', o.int('max'), min, PASSWORD_MAX);
    o.range('cost', o.int('cost'), 4, 31);
    o.regex('pattern');
    o.bool('required');
    return o.errors;
  },

  storage: (): StorageKind => 'text',
  zero: () => '',
  coerce: (_field: Field, input: unknown) => toStr(input),

  validate(field: Field, value: unknown) {
    const p = parts(value);
    if (p === null) return V.unsupportedValueType();
    if (p.plain === '') return isRequired(field) && p.hash === '' ? V.required() : null;
    const max = intOption(field.max) > 0 ? intOption(field.max) : PASSWORD_MAX;
    const pattern = typeof field.pattern === 'string' ? field.pattern : '';
    return checkText(p.plain, intOption(field.min), max, pattern, V.passwordMaxText);
  },

  isEmpty: (_field: Field, value: unknown) => {
    const p = parts(value);
    return p === null || (p.plain === '' && p.hash === '');
  },
};
