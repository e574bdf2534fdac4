import type { Field } from '../collection.js';
import { V } from '../validation.js';
import { isRequired } from './base.js';
import { intOption } from './cast.js';
import type { FieldType, StorageKind } from './field-type.js';
import { MAX_SAFE_JSON_INT, Options } from './options.js';

/** The serialised size limit (bytes) applied when a json field's `maxSize` is 0. */
export const JSON_MAX_SIZE_DEFAULT = 1024 * 1024;

function maxSize(field: Field): number {
  return intOption(field.maxSize) || JSON_MAX_SIZE_DEFAULT;
}

/** A string is kept as raw JSON when it looks like a JSON literal, number, string, list or object and parses. */
function fromString(s: string): unknown {
  if (s === 'null') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  const c = s.charAt(0);
  if ((c >= '0' && c <= '9') || c === '-' || c === '"' || c === '[' || c === '{') {
    try {
      return JSON.parse(s);
    } catch {
      // not valid JSON: kept as a JSON string
    }
  }
  return s;
}

function rejectNonFinite(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('non-finite number');
  return v;
}

/** The value as JSON text; null when it cannot be serialised (cycles, BigInt, NaN, too deep…). */
export function serializeJson(value: unknown): string | null {
  try {
    const text = JSON.stringify(value, rejectNonFinite);
    return typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}

function isEmptyJson(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.keys(value).length === 0;
}

export const jsonField: FieldType = {
  name: 'json',
  defaults: () => ({ maxSize: 0, required: false }),

  validateOptions(field: Field) {
    const o = new Options(field, jsonField.defaults());
    o.range('maxSize', o.int('maxSize'), 0, MAX_SAFE_JSON_INT);
    o.bool('required');
    return o.errors;
  },

  storage: (): StorageKind => 'json',
  zero: () => null,
  coerce: (_field: Field, input: unknown) => (typeof input === 'string' ? fromString(input) : (input ?? null)),

  validate(field: Field, value: unknown) {
    if (isEmptyJson(value)) return isRequired(field) ? V.required() : null;
    const text = serializeJson(value);
    if (text === null) return V.invalidJson();
    const limit = maxSize(field);
    return Buffer.byteLength(text, 'utf8') > limit ? V.jsonSizeLimit(limit) : null;
  },

  isEmpty: (_field: Field, value: unknown) => isEmptyJson(value),
  maxBodySize: maxSize,
};
