import assert from 'node:assert/strict';
import type { Collection, Field, FieldTypeName } from '../../src/core/collection.js';
import type { OptionsContext, ValueContext } from '../../src/core/fields/field-type.js';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import type { ErrorData } from '../../src/core/validation.js';

export function collection(over: Partial<Collection> = {}): Collection {
  return {
    id: 'pbc_posts',
    name: 'posts',
    type: 'base',
    system: false,
    fields: [],
    indexes: [],
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    created: '',
    updated: '',
    ...over,
  };
}

export const valueCtx: ValueContext = { collection: collection(), isNew: true };

export function optionsCtx(others: Collection[] = [], self = collection(), previous?: Field): OptionsContext {
  const all = [self, ...others];
  return {
    collection: self,
    ...(previous ? { previous } : {}),
    findCollection: (idOrName) => all.find((c) => c.id === idOrName || c.name.toLowerCase() === idOrName.toLowerCase()),
  };
}

/** A value scenario: options of the field, the raw input, the coerced value and the validation code (null = valid). */
export type ValueCase = [
  label: string,
  options: Record<string, unknown>,
  input: unknown,
  value: unknown,
  code: string | null,
];

export function coerceAndValidate(type: FieldTypeName, options: Record<string, unknown>, input: unknown) {
  const field = newField(type, 'f', options);
  const ft = fieldTypes[type];
  const value = ft.coerce(field, input);
  return { field, value, error: ft.validate(field, value, valueCtx) };
}

export function runValueCases(type: FieldTypeName, cases: ValueCase[]): void {
  for (const [label, options, input, value, code] of cases) {
    const got = coerceAndValidate(type, options, input);
    assert.deepEqual(got.value, value, `${type}/${label}: coerced value`);
    assert.equal(got.error?.code ?? null, code, `${type}/${label}: validation code`);
  }
}

/** The error codes of an options validation, flattened to `key` / `key.index` paths. */
export function optionCodes(errors: ErrorData, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value.code === 'string') out[path] = value.code;
    else Object.assign(out, optionCodes(value as ErrorData, path));
  }
  return out;
}

export function validateOptions(
  type: FieldTypeName,
  options: Record<string, unknown>,
  ctx: OptionsContext = optionsCtx(),
): { field: Field; codes: Record<string, string>; errors: ErrorData } {
  const field = newField(type, options.name === undefined ? 'f' : String(options.name), options);
  const errors = fieldTypes[type].validateOptions(field, ctx);
  return { field, codes: optionCodes(errors), errors };
}

/** An options scenario: the submitted options and the expected error codes by option path. */
export type OptionCase = [label: string, options: Record<string, unknown>, codes: Record<string, string>];

export function runOptionCases(type: FieldTypeName, cases: OptionCase[], ctx = optionsCtx()): void {
  for (const [label, options, codes] of cases) {
    assert.deepEqual(validateOptions(type, options, ctx).codes, codes, `${type}/${label}`);
  }
}

export const MIN = 'validation_min_greater_equal_than_required';
export const MAX = 'validation_max_less_equal_than_required';
export const INVALID = 'validation_invalid_value';
