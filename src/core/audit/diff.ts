import { isSecretKey, REDACTED, redactSecrets } from './redact.js';

/** What changed at one path: the values before and after (absent: the key did not exist). */
export interface Change {
  from?: unknown;
  to?: unknown;
}

/** Changes by path (`meta.appName`, `fields[title].required`); secrets show only that they changed. */
export type Diff = Record<string, Change>;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The name an array item is known by (fields and indexes move around; ids and names do not). */
function itemKey(item: unknown): string | null {
  if (!isObject(item)) return null;
  if (typeof item.id === 'string' && item.id !== '') return item.id;
  if (typeof item.name === 'string' && item.name !== '') return item.name;
  return null;
}

/** Arrays of named objects compare item by item; other arrays as whole values. */
function keyedItems(list: unknown[]): Map<string, unknown> | null {
  const out = new Map<string, unknown>();
  for (const item of list) {
    const key = itemKey(item);
    if (key === null || out.has(key)) return null;
    out.set(key, item);
  }
  return out;
}

function walk(before: unknown, after: unknown, path: string, secret: boolean, out: Diff): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(before[key], after[key], path ? `${path}.${key}` : key, secret || isSecretKey(key), out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyedItems(before);
    const b = keyedItems(after);
    if (a && b) {
      for (const key of new Set([...a.keys(), ...b.keys()]))
        walk(a.get(key), b.get(key), `${path}[${key}]`, secret, out);
      return;
    }
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const change: Change = {};
  if (before !== undefined) change.from = secret ? REDACTED : redactSecrets(before);
  if (after !== undefined) change.to = secret ? REDACTED : redactSecrets(after);
  out[path || '.'] = change;
}

/** The changes from `before` to `after` (plain JSON values), secret-named keys redacted. */
export function diffValues(before: unknown, after: unknown): Diff {
  const out: Diff = {};
  walk(before, after, '', false, out);
  return out;
}
