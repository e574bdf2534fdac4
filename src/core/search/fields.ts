import type { Collection, Field, FieldTypeName } from '../collection.js';
import { Errors } from '../errors.js';
import { type ErrorData, type FieldError, V } from '../validation.js';

/** Field types whose text goes into a full-text index. */
export const SEARCHABLE_TYPES: ReadonlySet<FieldTypeName> = new Set(['text', 'editor', 'email', 'url']);

/**
 * The submitted `searchFields` (null = none) put on `target`. When it is not submitted, the stored
 * list follows the fields: renamed fields keep their place under the new name, removed ones leave.
 */
export function overlaySearchFields(target: Collection, input: Record<string, unknown>, original: Collection | null) {
  const v = input.searchFields;
  if (v !== undefined) {
    if (v !== null && (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))) {
      throw Errors.invalidCollectionFormatting();
    }
    target.searchFields = v === null ? [] : [...new Set(v as string[])];
    return;
  }
  if (target.type === 'view') return;
  target.searchFields = followFields(target.searchFields ?? [], original?.fields ?? [], target.fields);
}

function followFields(names: readonly string[], before: readonly Field[], after: readonly Field[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const old = before.find((f) => f.name === name);
    const now = old ? after.find((f) => f.id === old.id) : after.find((f) => f.name === name);
    if (now && !out.includes(now.name)) out.push(now.name);
  }
  return out;
}

/** Errors of `searchFields`, keyed by position; null when valid. */
export function validateSearchFields(c: Collection): FieldError | ErrorData | null {
  const names = c.searchFields ?? [];
  if (names.length === 0) return null;
  if (c.type === 'view') return V.searchFieldsUnsupported();
  const errors: ErrorData = {};
  for (const [i, name] of names.entries()) {
    const field = c.fields.find((f) => f.name === name);
    if (!field) errors[i] = V.searchFieldMissing();
    else if (!SEARCHABLE_TYPES.has(field.type)) errors[i] = V.searchFieldType();
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
