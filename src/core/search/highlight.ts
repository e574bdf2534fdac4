import { escapeHtml } from '../../lib/html-escape.js';
import { splitTopLevel } from '../../lib/split-top-level.js';
import type { Collection } from '../collection.js';
import { SEARCHABLE_TYPES } from './fields.js';

/**
 * `fields=<field>:highlight`: the field's text with each word the search matched wrapped in
 * `<mark>…</mark>`. Words are compared as the index compares them (case and accents folded; the
 * last search word as a prefix). Plain text is HTML-escaped around the marks; editor HTML keeps
 * its markup and only its text between tags is marked.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const fold = (word: string) => word.normalize('NFD').replace(MARKS, '').toLowerCase();

type Matcher = (token: string) => boolean;

function matcherOf(words: readonly string[]): Matcher {
  const folded = words.map(fold);
  const whole = new Set(folded.slice(0, -1));
  const prefix = folded[folded.length - 1];
  return (token) => {
    const t = fold(token);
    return whole.has(t) || (prefix !== undefined && prefix !== '' && t.startsWith(prefix));
  };
}

/** Marks the matching words of `text`; `escaped` HTML-escapes what lies between them. */
function markWords(text: string, matches: Matcher, escaped: boolean): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const at = m.index ?? 0;
    const between = text.slice(last, at);
    out += escaped ? escapeHtml(between) : between;
    out += matches(m[0]) ? `<mark>${m[0]}</mark>` : m[0];
    last = at + m[0].length;
  }
  const rest = text.slice(last);
  return out + (escaped ? escapeHtml(rest) : rest);
}

/** Tags, comments and character references of HTML are kept as they are. */
const MARKUP = /(<!--[\s\S]*?-->|<[^>]*>|&#?\w+;)/;

function markHtml(html: string, matches: Matcher): string {
  return html
    .split(MARKUP)
    .map((part, i) => (i % 2 === 1 ? part : markWords(part, matches, false)))
    .join('');
}

/** The highlighted value of one field (`html` for editor fields). */
export function highlightValue(text: string, words: readonly string[], html: boolean): string {
  const matches = words.length > 0 ? matcherOf(words) : () => false;
  return html ? markHtml(text, matches) : markWords(text, matches, true);
}

/** Top-level keys of a `fields` parameter that carry `:highlight`. */
export function highlightedKeys(fields: string | undefined): string[] {
  if (!fields?.includes('highlight')) return [];
  const keys: string[] = [];
  for (const item of splitTopLevel(fields)) {
    const m = /^\s*(\w+)\s*:\s*highlight\s*$/.exec(item);
    if (m?.[1]) keys.push(m[1]);
  }
  return keys;
}

/** Applies `:highlight` to the presented items of a list (text, editor, email and url fields only). */
export function highlightItems(
  collection: Collection,
  items: Array<Record<string, unknown>>,
  fields: string | undefined,
  words: readonly string[],
): void {
  const keys = highlightedKeys(fields);
  if (keys.length === 0) return;
  const targets = collection.fields.filter((f) => keys.includes(f.name) && SEARCHABLE_TYPES.has(f.type));
  for (const item of items) {
    for (const f of targets) {
      const value = item[f.name];
      if (typeof value === 'string') item[f.name] = highlightValue(value, words, f.type === 'editor');
    }
  }
}
