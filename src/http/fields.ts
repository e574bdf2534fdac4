import { Errors } from '../core/errors.js';

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

/** Splits on commas that are outside parentheses and quotes; trims items and drops empty ones. */
function splitList(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    const ch = raw[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (i === raw.length || (ch === ',' && depth === 0)) {
      const item = raw.slice(start, i).trim();
      if (item !== '') out.push(item);
      start = i + 1;
    }
  }
  return out;
}

const TRUTHY = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

function parseModifier(raw: string): Excerpt {
  const m = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(raw);
  if (m?.[1] !== 'excerpt') throw Errors.badRequest();
  const args = splitList(m[2] ?? '').map((a) => a.replace(/^(["'])(.*)\1$/s, '$2').trim());
  if (args.length < 1 || args.length > 2) throw Errors.badRequest();
  const max = /^[+-]?\d+(\.0*)?$/.test(args[0] as string) ? Number.parseInt(args[0] as string, 10) : 0;
  if (!(max > 0)) throw Errors.badRequest();
  return { max, ellipsis: args.length > 1 && TRUTHY.has(args[1] as string) };
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
export function applyFields(value: unknown, picker: FieldsPicker | null): unknown {
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

/** Elements whose content is dropped (and which add no space). */
const EXCLUDED = new Set(
  'head title style script iframe embed applet object svg img picture dialog template button form textarea input select option'.split(
    ' ',
  ),
);
/** Elements that add no space around themselves; every other element is treated as a block. */
const INLINE = new Set(
  'a abbr acronym b bdo big br cite code em font i kbd label mark q s samp small span strike strong sub sup time tt u var'.split(
    ' ',
  ),
);
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'iframe']);
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;
const NAMED: Record<string, string> = Object.fromEntries(
  'amp & lt < gt > quot " apos \' nbsp \u00a0 hellip … mdash — ndash – lsquo ‘ rsquo ’ ldquo “ rdquo ” copy © reg ®'
    .split(' ')
    .flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]]] : [])),
);

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const hex = body[1] === 'x' || body[1] === 'X';
    const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  });
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** index just past the tag */
  end: number;
}

const isSpace = (ch: string) => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
const isLetter = (ch: string | undefined) => ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));

/** Reads the tag at `lt` (where html[lt] is '<'); null when no tag starts there. Linear in the tag length. */
function readTag(html: string, lt: number): Tag | null {
  let j = lt + 1;
  const closing = html[j] === '/';
  if (closing) j++;
  if (!isLetter(html[j])) return null;
  const nameStart = j;
  while (j < html.length && html[j] !== '>' && html[j] !== '/' && !isSpace(html[j] as string)) j++;
  const name = html.slice(nameStart, j).toLowerCase();
  let quote = '';
  let last = '';
  for (; j < html.length; j++) {
    const ch = html[j] as string;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '>') {
      return { name, closing, selfClosing: last === '/', end: j + 1 };
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    }
    if (!isSpace(ch)) last = ch;
  }
  return { name, closing, selfClosing: false, end: html.length };
}

const closers = new Map<string, RegExp>();

/** Index just past the end of the excluded element `name` whose start tag ends at `from`. */
function skipElement(html: string, name: string, from: number): number {
  if (RAW_TEXT.has(name)) {
    const re = closers.get(name) ?? new RegExp(`</${name}(?=[\\s/>])`, 'gi');
    closers.set(name, re);
    re.lastIndex = from;
    const m = re.exec(html);
    return m ? (readTag(html, m.index)?.end ?? html.length) : html.length;
  }
  let depth = 1;
  for (let i = from; ; ) {
    const lt = html.indexOf('<', i);
    if (lt === -1) return html.length;
    const tag = readTag(html, lt);
    i = tag ? tag.end : lt + 1;
    if (tag?.name !== name) continue;
    if (tag.closing) depth--;
    else if (!tag.selfClosing) depth++;
    if (depth === 0) return i;
  }
}

/** Converts HTML to whitespace-collapsed plain text; stops early once `limit` UTF-16 units are collected. */
function htmlToText(html: string, limit: number): string {
  let out = '';
  let space = true;
  const push = (text: string) => {
    let t = text.replace(/[\t\n\f\r ]+/g, ' ');
    if (space && t.startsWith(' ')) t = t.slice(1);
    if (t === '') return;
    out += t;
    space = t.endsWith(' ');
  };
  let i = 0;
  while (i < html.length && out.length <= limit) {
    const lt = html.indexOf('<', i);
    const end = lt === -1 ? html.length : lt;
    if (end > i) push(decodeEntities(html.slice(i, end)));
    if (lt === -1) break;
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const comment = html.startsWith('<!--', lt);
      const close = comment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt);
      i = close === -1 ? html.length : close + (comment ? 3 : 1);
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      push('<');
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (!EXCLUDED.has(tag.name)) {
      if (!INLINE.has(tag.name) && !space) {
        out += ' ';
        space = true;
      }
    } else if (!tag.closing && !tag.selfClosing && !VOID.has(tag.name)) {
      i = skipElement(html, tag.name, i);
    }
  }
  return out.trim();
}

/** Plain-text excerpt of an HTML string: at most `max` code points, plus `...` when cut and asked for. */
export function excerpt(html: string, max: number, withEllipsis: boolean): string {
  const text = htmlToText(html, 2 * max + 4);
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  for (const ch of text) {
    if (count === max) break;
    end += ch.length;
    count++;
  }
  if (end >= text.length) return text;
  const cut = text.slice(0, end).trim();
  return withEllipsis ? `${cut}...` : cut;
}
