import { type Collection, type CollectionType, type Field, RULE_NAMES } from '../collection.js';
import { Errors } from '../errors.js';
import { getFieldType, newField } from '../fields/index.js';
import { overlaySearchFields } from '../search/fields.js';
import { overlayWebhooks } from '../webhooks/config.js';
import { mergeAuthOptions } from './auth-input.js';
import { fieldIdChecksum, withNumericSuffix } from './ids.js';

export type Input = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Input {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The submitted collection JSON; anything but an object is a formatting error. */
export function asInput(body: unknown): Input {
  if (!isPlainObject(body)) throw Errors.invalidCollectionFormatting();
  return body;
}

export const COLLECTION_TYPES: readonly CollectionType[] = ['base', 'auth', 'view'];

/** The submitted type: missing or blank means base; a non-string is a formatting error. */
export function inputType(input: Input, fallback: string): string {
  const t = input.type;
  if (t === undefined || t === null) return fallback;
  if (typeof t !== 'string') throw Errors.invalidCollectionFormatting();
  return t === '' ? fallback : t;
}

function str(input: Input, key: string, current: string): string {
  const v = input[key];
  if (v === undefined || v === null) return current;
  if (typeof v !== 'string') throw Errors.invalidCollectionFormatting();
  return v;
}

/**
 * The submitted fields list as complete field objects. A field without an id inherits the id of
 * the original field with the same name and type, or gets `<type><crc32(name)>`; as in the API,
 * a later entry with the same id (or, without an id, the same name) replaces an earlier one.
 */
function fieldsFromInput(list: unknown, original: Collection | null): Field[] {
  if (list === null) return [];
  if (!Array.isArray(list)) throw Errors.invalidCollectionFormatting();
  const explicitIds = new Set(list.map((item) => (isPlainObject(item) && typeof item.id === 'string' ? item.id : '')));
  const out: Field[] = [];
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.type !== 'string' || !getFieldType(item.type)) {
      throw Errors.invalidCollectionFormatting();
    }
    const type = item.type as Field['type'];
    const name = typeof item.name === 'string' ? item.name : '';
    const field = newField(type, name, item);
    let byName = false;
    if (!field.id) {
      const prev = original?.fields.find((f) => f.name === name && f.type === type);
      if (prev && !explicitIds.has(prev.id) && !out.some((f) => f.id === prev.id)) field.id = prev.id;
    }
    if (!field.id) {
      byName = true;
      field.id = withNumericSuffix(fieldIdChecksum(type, name), (id) => out.some((f) => f.id === id));
    }
    const at = byName ? out.findIndex((f) => name !== '' && f.name === name) : out.findIndex((f) => f.id === field.id);
    if (at >= 0) {
      if (byName) field.id = (out[at] as Field).id;
      out[at] = field;
    } else {
      out.push(field);
    }
  }
  return out;
}

/** Applies the submitted keys on top of `target` (a scaffold or a copy of the stored collection). */
export function overlayCollection(target: Collection, input: Input, original: Collection | null): void {
  target.name = str(input, 'name', target.name);
  for (const rule of RULE_NAMES) {
    if (!(rule in input)) continue;
    const v = input[rule];
    if (v !== null && typeof v !== 'string') throw Errors.invalidCollectionFormatting();
    target[rule] = v;
  }
  if (input.system !== undefined && input.system !== null) {
    if (typeof input.system !== 'boolean') throw Errors.invalidCollectionFormatting();
    target.system = input.system;
  }
  if (input.indexes !== undefined) {
    const v = input.indexes;
    if (v !== null && (!Array.isArray(v) || v.some((s) => typeof s !== 'string')))
      throw Errors.invalidCollectionFormatting();
    target.indexes = v === null ? [] : [...(v as string[])];
  }
  if (input.fields !== undefined) target.fields = fieldsFromInput(input.fields, original);
  if (target.type === 'view') target.viewQuery = str(input, 'viewQuery', target.viewQuery ?? '');
  if (target.type === 'auth' && target.auth) mergeAuthOptions(target.auth, input);
  overlaySearchFields(target, input, original);
  overlayWebhooks(target, input, original);
}
