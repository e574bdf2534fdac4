/**
 * Deep merge of a partial settings object onto whole settings, checked against the shape of the
 * defaults: objects merge key by key, arrays are replaced, primitives must keep their type. The
 * same walk serves a PATCH body (its errors refuse the change) and stored JSON read at start-up
 * (its errors are dropped: a bad stored value keeps the default).
 */
import { type ErrorData, type FieldError, hasErrors, V } from '../validation.js';
import type { Settings } from './settings.js';

/** Longest text any setting may hold; meta texts have their own, tighter bound (validate.ts). */
export const MAX_TEXT = 2048;

interface ListSpec {
  max: number;
  /** the value an item starts from: keys an item leaves out keep these (zero) values */
  item: () => unknown;
  wrongType: () => FieldError;
}

/** The list settings, by path; a list anywhere else in the defaults is a programming error. */
const LISTS: Readonly<Record<string, ListSpec>> = {
  'rateLimits.rules': {
    max: 100,
    item: () => ({ label: '', audience: '', duration: 0, maxRequests: 0 }),
    wrongType: V.mustBeList,
  },
  'trustedProxy.headers': { max: 20, item: () => '', wrongType: V.mustBeStringList },
};

type Outcome = [value: unknown, error: FieldError | ErrorData | null];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeObject(base: Record<string, unknown>, patch: unknown, path: string): Outcome {
  if (!isPlainObject(patch)) return [base, V.mustBeObject()];
  const out: Record<string, unknown> = { ...base };
  const errors: ErrorData = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(base, key)) {
      errors[key] = V.unknownKey();
      continue;
    }
    const [merged, error] = mergeValue(base[key], value, path ? `${path}.${key}` : key);
    out[key] = merged;
    if (error) errors[key] = error;
  }
  return [out, hasErrors(errors) ? errors : null];
}

function mergeList(base: unknown[], patch: unknown, path: string): Outcome {
  const spec = LISTS[path];
  if (!spec) throw new Error(`no list spec for settings path ${path}`);
  if (!Array.isArray(patch)) return [base, spec.wrongType()];
  if (patch.length > spec.max) return [base, V.lengthTooLong(spec.max)];
  const out: unknown[] = [];
  const errors: ErrorData = {};
  for (const [i, item] of patch.entries()) {
    const [merged, error] = mergeValue(spec.item(), item, `${path}.*`);
    out.push(merged);
    if (error) errors[String(i)] = error;
  }
  // a list with a bad item is kept whole as it was: half a list of rules is worse than none
  return hasErrors(errors) ? [base, errors] : [out, null];
}

function mergeValue(base: unknown, patch: unknown, path: string): Outcome {
  if (Array.isArray(base)) return mergeList(base, patch, path);
  if (isPlainObject(base)) return mergeObject(base, patch, path);
  switch (typeof base) {
    case 'boolean':
      return typeof patch === 'boolean' ? [patch, null] : [base, V.mustBeBool()];
    case 'number':
      return typeof patch === 'number' && Number.isSafeInteger(patch) ? [patch, null] : [base, V.mustBeInt()];
    case 'string':
      if (typeof patch !== 'string') return [base, V.mustBeString()];
      return patch.length > MAX_TEXT ? [base, V.lengthTooLong(MAX_TEXT)] : [patch, null];
    default:
      throw new Error(`unexpected default at settings path ${path}`);
  }
}

export interface MergeResult {
  settings: Settings;
  /** what was refused, keyed like the settings; empty when everything fit */
  errors: ErrorData;
}

/**
 * `patch` deep-merged onto `base` (a fresh object; `base` is not touched). A value of the wrong
 * type, an unknown key or an over-long list is reported in `errors` and keeps the base value.
 */
export function mergeSettings(base: Readonly<Settings>, patch: Readonly<Record<string, unknown>>): MergeResult {
  const [merged, error] = mergeObject(structuredClone(base) as unknown as Record<string, unknown>, patch, '');
  // an object patch can only fail key by key, so the error is always keyed data
  return { settings: merged as Settings, errors: (error as ErrorData | null) ?? {} };
}
