import { type Field, isMultiple } from '../collection.js';
import { toStr, toUniqueStrings } from './cast.js';
import type { FieldType, ModifierOp, StorageKind } from './field-type.js';

export function isRequired(field: Field): boolean {
  return field.required === true;
}

type Common = Pick<FieldType, 'storage' | 'zero' | 'coerce' | 'isEmpty'>;

/** Behaviour shared by the types whose value is a plain string (text, editor, email, url, password). */
export const stringCommon: Common = {
  storage: (): StorageKind => 'text',
  zero: (): string => '',
  coerce: (_field: Field, input: unknown): string => toStr(input),
  isEmpty: (_field: Field, value: unknown): boolean => typeof value !== 'string' || value === '',
};

/** A normalised id/name list as the field's app value: the list itself, or its last item when single. */
function listValue(field: Field, items: string[]): string | string[] {
  if (isMultiple(field)) return items;
  return items[items.length - 1] ?? '';
}

function modifyList(field: Field, current: unknown, op: ModifierOp, input: unknown): string | string[] {
  const now = toUniqueStrings(current);
  const given = toUniqueStrings(input);
  if (op === 'append') return listValue(field, toUniqueStrings([...now, ...given]));
  if (op === 'prepend') return listValue(field, toUniqueStrings([...given, ...now]));
  const removed = new Set(given);
  return listValue(
    field,
    now.filter((v) => !removed.has(v)),
  );
}

/** Behaviour shared by select, relation and file: a string when single, a string list when multiple. */
export const listCommon: Common & Required<Pick<FieldType, 'modify'>> = {
  storage: (field: Field): StorageKind => (isMultiple(field) ? 'json' : 'text'),
  zero: (field: Field): string | string[] => (isMultiple(field) ? [] : ''),
  coerce: (field: Field, input: unknown): string | string[] => listValue(field, toUniqueStrings(input)),
  isEmpty: (_field: Field, value: unknown): boolean => toUniqueStrings(value).length === 0,
  modify: modifyList,
};
