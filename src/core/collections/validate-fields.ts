import type { Collection, Field } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import { type ErrorData, type FieldError, V } from '../validation.js';
import type { Catalog } from './catalog.js';

const NAME_PATTERN = /^\w+$/;
const RESERVED_NAMES = new Set([
  'null',
  'true',
  'false',
  '_rowid_',
  '_search_',
  'collectionid',
  'collectionname',
  'expand',
]);
const RESERVED_AUTH_NAMES = new Set(['passwordConfirm', 'oldPassword']);

const length = (s: string) => [...s].length;

function fieldIdError(id: unknown): FieldError | null {
  if (typeof id !== 'string' || id === '') return V.required();
  if (length(id) > 100) return V.lengthOutOfRange(1, 100);
  return null;
}

function fieldNameError(name: unknown): FieldError | null {
  if (typeof name !== 'string' || name === '') return V.required();
  if (length(name) > 100) return V.lengthOutOfRange(1, 100);
  if (!NAME_PATTERN.test(name)) return V.matchInvalid();
  if (RESERVED_NAMES.has(name.toLowerCase())) return V.notInInvalid();
  if (name.includes('_via_')) return V.foundVia();
  return null;
}

function duplicates(fields: Field[]): ErrorData | null {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const [i, f] of fields.entries()) {
    if (ids.has(f.id)) return { [i]: { id: V.duplicatedFieldId() } };
    const lower = f.name.toLowerCase();
    if (names.has(lower)) return { [i]: { name: V.duplicatedFieldName() } };
    ids.add(f.id);
    names.add(lower);
  }
  return null;
}

function minFields(fields: Field[]): FieldError | null {
  if (fields.length === 0) return V.required();
  const id = fields.find((f) => f.name === 'id');
  if (id?.type !== 'text' || id.primaryKey !== true) return V.missingPkField();
  return null;
}

function systemFieldsKept(next: Collection, original: Collection | null): FieldError | null {
  if (!original) return null;
  for (const old of original.fields) {
    if (!old.system) continue;
    const now = next.fields.find((f) => f.id === old.id);
    if (!now || now.name !== old.name) return V.systemFieldChange();
  }
  return null;
}

function typesKept(next: Collection, original: Collection | null): ErrorData | null {
  if (!original) return null;
  const errors: ErrorData = {};
  for (const [i, f] of next.fields.entries()) {
    const old = original.fields.find((o) => o.id === f.id);
    if (old && old.type !== f.type) errors[i] = V.fieldTypeChange();
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function reservedAuthNames(next: Collection): ErrorData | null {
  if (next.type !== 'auth') return null;
  const errors: ErrorData = {};
  for (const [i, f] of next.fields.entries()) {
    if (RESERVED_AUTH_NAMES.has(f.name)) errors[i] = { name: V.reservedFieldName() };
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function fieldSettings(next: Collection, original: Collection | null, catalog: Catalog): ErrorData | null {
  const errors: ErrorData = {};
  for (const [i, f] of next.fields.entries()) {
    const type = getFieldType(f.type);
    const own: ErrorData = type
      ? type.validateOptions(f, {
          collection: next,
          previous: next.type === 'view' ? undefined : original?.fields.find((o) => o.id === f.id),
          findCollection: (idOrName) => (idOrName === next.id ? next : catalog.find(idOrName)),
        })
      : {};
    const idError = fieldIdError(f.id);
    const nameError = fieldNameError(f.name);
    if (idError) own.id = idError;
    if (nameError) own.name = nameError;
    if (Object.keys(own).length > 0) errors[i] = own;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * The `fields` checks, in order (an `id` text primary key, unique names and ids, immutable types and
 * system fields, each field's own options); the first failing check is the one reported.
 */
export function validateFields(
  next: Collection,
  original: Collection | null,
  catalog: Catalog,
): FieldError | ErrorData | null {
  const fields = next.fields;
  const isView = next.type === 'view';
  return (
    duplicates(fields) ??
    minFields(fields) ??
    (isView ? null : systemFieldsKept(next, original)) ??
    (isView ? null : typesKept(next, original)) ??
    reservedAuthNames(next) ??
    fieldSettings(next, original, catalog)
  );
}
