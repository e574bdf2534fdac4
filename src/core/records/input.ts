import type { Collection, Field } from '../collection.js';
import type { ModifierOp } from '../fields/field-type.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData } from '../request.js';

/** Body keys of auth collections that are not stored fields. */
const AUTH_EXTRA_KEYS = new Set(['passwordConfirm', 'oldPassword']);

export interface ResolvedInput {
  /** the new record values (base record with the submitted changes applied) */
  data: RecordData;
  /** the resolved submitted values, keyed by field name: what rules see as `@request.body` */
  body: Record<string, unknown>;
  /** names of the fields whose keys were submitted */
  submitted: Set<string>;
  /** auth extras: passwordConfirm, oldPassword (raw) */
  extras: Record<string, unknown>;
}

interface KeyRef {
  field: Field;
  op: ModifierOp | 'set' | 'autogenerate';
  key: string;
}

const KEY_FORMS: Array<{ op: KeyRef['op']; name: (key: string) => string | null }> = [
  { op: 'set', name: (k) => k },
  { op: 'append', name: (k) => (k.endsWith('+') ? k.slice(0, -1) : null) },
  { op: 'prepend', name: (k) => (k.startsWith('+') ? k.slice(1) : null) },
  { op: 'remove', name: (k) => (k.endsWith('-') ? k.slice(0, -1) : null) },
  { op: 'autogenerate', name: (k) => (k.endsWith(':autogenerate') ? k.slice(0, -':autogenerate'.length) : null) },
];

function parseKey(collection: Collection, key: string): KeyRef | null {
  for (const form of KEY_FORMS) {
    const name = form.name(key);
    const field = name === null ? undefined : collection.fields.find((f) => f.name === name);
    if (field) return { field, op: form.op, key };
  }
  return null;
}

/**
 * Applies a submitted body onto `base` (the zero record on create, the stored record on update):
 * unknown keys ignored, hidden fields dropped for non-superusers (except the auth password),
 * autodate values ignored, modifiers applied shorter keys first.
 */
export function resolveInput(
  collection: Collection,
  base: RecordData,
  body: Record<string, unknown>,
  isSuperuser: boolean,
): ResolvedInput {
  const data: RecordData = { ...base };
  const resolvedBody: Record<string, unknown> = {};
  const submitted = new Set<string>();
  const extras: Record<string, unknown> = {};
  const isAuth = collection.type === 'auth';
  const refs: KeyRef[] = [];
  for (const key of Object.keys(body)) {
    if (isAuth && AUTH_EXTRA_KEYS.has(key)) {
      extras[key] = body[key];
      continue;
    }
    const ref = parseKey(collection, key);
    if (!ref) continue;
    const { field } = ref;
    if (field.type === 'autodate') continue;
    if (field.hidden && !isSuperuser && !(isAuth && field.name === 'password')) continue;
    // a modifier the field's type does not support is ignored, as an unknown key would be
    const type = getFieldType(field.type);
    if (ref.op === 'autogenerate' ? !type.autogenerate : ref.op !== 'set' && !type.modify) continue;
    refs.push(ref);
  }
  refs.sort((a, b) => a.key.length - b.key.length);
  for (const { field, op, key } of refs) {
    const type = getFieldType(field.type);
    const raw = body[key];
    if (op === 'set') data[field.name] = type.coerce(field, raw);
    else if (op === 'autogenerate') {
      const prefix = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
      data[field.name] = type.autogenerate?.(field, prefix) ?? prefix;
    } else data[field.name] = type.modify?.(field, data[field.name], op, raw);
    submitted.add(field.name);
  }
  for (const name of submitted) resolvedBody[name] = data[name];
  return { data, body: resolvedBody, submitted, extras };
}

/** The blank record of a collection: every field at its zero value. */
export function zeroRecord(collection: Collection): RecordData {
  const out: RecordData = {};
  for (const f of collection.fields) out[f.name] = getFieldType(f.type).zero(f);
  return out;
}
