import { Errors } from '../core/errors.js';
import { parseBool } from '../lib/bool.js';
import { excerpt } from '../lib/html-to-text.js';
import { splitTopLevel } from '../lib/split-top-level.js';

/** `:excerpt(maxLength, withEllipsis?)`: HTML to plain text, cut to maxLength code points. */
interface Excerpt {
  readonly max: number;
  readonly ellipsis: boolean;
}

/** A parsed `fields` param: what to keep at one level of an object. Shared between requests; never mutated. */
export interface FieldsPicker {
  /** keys kept whole, with an optional modifier (null = none) */
  readonly leaves: Map<string, Excerpt | null>;
  /** keys picked further down */
  readonly branches: Map<string, FieldsPicker>;
  /** `*`: every key not named at this level is kept whole (undefined when absent) */
  star: Excerpt | null | undefined;
}

const newPicker = (): FieldsPicker => ({ leaves: new Map(), branches: new Map(), star: undefined });

/** The top-level items of a comma list, without the empty ones. */
const splitList = (raw: string): string[] => splitTopLevel(raw).filter((item) => item !== '');

/**
 * `:highlight` is applied by the records list itself (it needs the search words and the field's
 * type); here it keeps the value as it is.
 */
function parseModifier(raw: string): Excerpt | null {
  const m = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(raw);
  if (m?.[1] === 'highlight' && m[2] === undefined) return null;
  if (m?.[1] !== 'excerpt') throw Errors.badRequest();
  const args = splitList(m[2] ?? '').map((a) => a.replace(/^(["'])(.*)\1$/s, '$2').trim());
  if (args.length < 1 || args.length > 2) throw Errors.badRequest();
  const max = /^[+-]?\d+(\.0*)?$/.test(args[0] as string) ? Number.parseInt(args[0] as string, 10) : 0;
  if (!(max > 0)) throw Errors.badRequest();
  return { max, ellipsis: args.length > 1 && parseBool(args[1] as string) === true };
}

/** Parses a `fields` param once; null when it names nothing. Throws a 400 for a bad modifier. */
export function parseFields(param: string): FieldsPicker | null {
  const root = newPicker();
  let any = false;
  for (const item of splitList(param)) {
    const colon = item.indexOf(':');
    const path = (colon === -1 ? item : item.slice(0, colon)).trim();
    const modifier = colon === -1 ? null : parseModifier(item.slice(colon + 1));
    if (path === '') continue;
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const next = node.branches.get(key) ?? newPicker();
      node.branches.set(key, next);
      node = next;
    }
    const last = keys[keys.length - 1] as string;
    if (last === '*') node.star = modifier;
    else node.leaves.set(last, modifier);
    any = true;
  }
  return any ? root : null;
}

const cache = new Map<string, FieldsPicker | null>();
const CACHE_LIMIT = 256;

function cachedPicker(param: string): FieldsPicker | null {
  if (cache.has(param)) return cache.get(param) ?? null;
  const picker = parseFields(param);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(param, picker);
  return picker;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function modify(value: unknown, modifier: Excerpt | null | undefined): unknown {
  if (!modifier || typeof value !== 'string') return value;
  return excerpt(value, modifier.max, modifier.ellipsis);
}

function pickObject(obj: Record<string, unknown>, picker: FieldsPicker): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    let value: unknown;
    if (picker.leaves.has(key)) value = modify(obj[key], picker.leaves.get(key));
    else if (picker.branches.has(key)) value = applyFields(obj[key], picker.branches.get(key) ?? null);
    else if (picker.star !== undefined) value = modify(obj[key], picker.star);
    else continue;
    if (key !== '__proto__') out[key] = value;
    else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Applies a parsed picker to an object or to each object of an array; other values are returned as is. */
function applyFields(value: unknown, picker: FieldsPicker | null): unknown {
  if (!picker) return value;
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? pickObject(item, picker) : item));
  return isPlainObject(value) ? pickObject(value, picker) : value;
}

const ENVELOPE_KEYS = ['page', 'perPage', 'totalItems', 'totalPages'];

function isListEnvelope(v: unknown): v is Record<string, unknown> & { items: unknown[] } {
  return isPlainObject(v) && Array.isArray(v.items) && ENVELOPE_KEYS.every((k) => k in v);
}

/**
 * The `fields` response picker: keeps the listed keys (dots for nested keys, `*` for all keys at a level,
 * `:excerpt(max, withEllipsis?)` on a key). For a list envelope it picks inside `items` and keeps the envelope.
 */
export function pickFields(value: unknown, fieldsParam: string | undefined): unknown {
  if (!fieldsParam) return value;
  const picker = cachedPicker(fieldsParam);
  if (!picker) return value;
  if (isListEnvelope(value)) return { ...value, items: applyFields(value.items, picker) };
  return applyFields(value, picker);
}
