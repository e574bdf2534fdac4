import type { Field } from '../collection.js';
import { parseFloatStrict, toStr, toUniqueStrings } from '../fields/cast.js';

/** Reading `@request.*` values out of the request info, for binding. */

function step(container: unknown, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(container)) {
    if (!/^[0-9]+$/.test(key)) return { found: false, value: undefined };
    const index = Number(key);
    return index < container.length ? { found: true, value: container[index] } : { found: false, value: undefined };
  }
  if (container !== null && typeof container === 'object' && Object.hasOwn(container, key)) {
    return { found: true, value: (container as Record<string, unknown>)[key] };
  }
  return { found: false, value: undefined };
}

/** Follows object keys and array indexes; `found` is false when any of them is missing. */
export function lookup(root: unknown, path: readonly string[]): { found: boolean; value: unknown } {
  let current: { found: boolean; value: unknown } = { found: true, value: root };
  for (const key of path) {
    current = step(current.value, key);
    if (!current.found) return current;
  }
  return current;
}

/**
 * A request value as bound in SQL: scalars as they are (a numeric string of a number field
 * becomes a number), missing values NULL, arrays and objects as JSON text.
 */
export function bindable(value: unknown, field?: Field): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (field?.type === 'number') {
      const n = parseFloatStrict(value.trim());
      if (n !== null && Number.isFinite(n)) return n;
    }
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

/** The items of a submitted select/file/relation value: unique, non-empty strings. */
export function listItems(value: unknown): string[] {
  if (!Array.isArray(value)) return toUniqueStrings(value);
  const names = value.map((item) => {
    if (item !== null && typeof item === 'object') {
      const name = (item as Record<string, unknown>).name;
      return typeof name === 'string' ? name : '';
    }
    return toStr(item);
  });
  return toUniqueStrings(names);
}
