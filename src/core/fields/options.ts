import type { Field } from '../collection.js';
import { type ErrorData, type FieldError, V } from '../validation.js';
import { parseFloatStrict, toStr } from './cast.js';
import { compilePattern } from './pattern.js';

export const MAX_SAFE_JSON_INT = Number.MAX_SAFE_INTEGER;

const INTEGER = /^[+-]?\d{1,16}$/;

/**
 * Normalises the type options of one field in place and collects errors keyed by option name.
 * Missing options get their defaults; values of the wrong JSON type are coerced when that is unambiguous.
 */
export class Options {
  readonly errors: ErrorData = {};

  constructor(
    readonly field: Field,
    defaults: Record<string, unknown>,
  ) {
    for (const [key, value] of Object.entries(defaults)) {
      if (field[key] === undefined) field[key] = Array.isArray(value) ? [...value] : value;
    }
  }

  /** Records an error for `key` unless one is already there (the first failing rule wins). */
  fail(key: string, error: FieldError | ErrorData): void {
    if (!(key in this.errors)) this.errors[key] = error;
  }

  bool(key: string): boolean {
    const v = this.field[key];
    let out: boolean | undefined;
    if (typeof v === 'boolean') out = v;
    else if (v === null) out = false;
    else if (v === 'true' || v === 1) out = true;
    else if (v === 'false' || v === 0) out = false;
    if (out === undefined) this.fail(key, V.mustBeBool());
    this.field[key] = out ?? false;
    return out ?? false;
  }

  int(key: string): number {
    const v = this.field[key];
    let out: number | undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v)) out = v;
    else if (v === null) out = 0;
    else if (typeof v === 'string' && INTEGER.test(v) && Number.isSafeInteger(Number(v))) out = Number(v);
    if (out === undefined) this.fail(key, V.mustBeInt());
    this.field[key] = out ?? 0;
    return out ?? 0;
  }

  numberOrNull(key: string): number | null {
    const v = this.field[key];
    let out: number | null | undefined;
    if (v === null || v === '') out = null;
    else if (typeof v === 'number' && Number.isFinite(v)) out = v;
    else if (typeof v === 'string') {
      const n = parseFloatStrict(v);
      if (n !== null && Number.isFinite(n)) out = n;
    }
    if (out === undefined) this.fail(key, V.mustBeNumberOrNull());
    this.field[key] = out ?? null;
    return out ?? null;
  }

  string(key: string): string {
    const v = this.field[key];
    let out: string | undefined;
    if (typeof v === 'string') out = v;
    else if (v === null) out = '';
    else if (typeof v === 'number') out = toStr(v);
    if (out === undefined) this.fail(key, V.mustBeString());
    this.field[key] = out ?? '';
    return out ?? '';
  }

  strings(key: string, nullable = false): string[] | null {
    const v = this.field[key];
    if (v === null || v === undefined) {
      this.field[key] = nullable ? null : [];
      return nullable ? null : [];
    }
    if (!Array.isArray(v)) {
      this.fail(key, V.mustBeStringList());
      this.field[key] = nullable ? null : [];
      return nullable ? null : [];
    }
    const out: string[] = [];
    for (const item of Array.from(v as unknown[])) {
      if (typeof item === 'string') out.push(item);
      else if (typeof item === 'number') out.push(toStr(item));
      else this.fail(key, V.mustBeStringList());
    }
    this.field[key] = out;
    return out;
  }

  /** Threshold checks in the ozzo style: a zero value always passes. */
  range(key: string, value: number, min?: number, max?: number): void {
    if (value === 0) return;
    if (min !== undefined && value < min) this.fail(key, V.minValue(min));
    else if (max !== undefined && value > max) this.fail(key, V.maxValue(max));
  }

  /** A string option that must hold a valid regular expression (or be empty). */
  regex(key: string): string {
    const pattern = this.string(key);
    if (pattern !== '') {
      const compiled = compilePattern(pattern);
      if (typeof compiled === 'string') this.fail(key, V.invalidRegex(compiled));
    }
    return pattern;
  }
}
