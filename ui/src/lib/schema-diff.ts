import type { CollectionModel } from 'pocketbase';

export interface SchemaDiff {
  added: string[];
  changed: string[];
  unchanged: string[];
  deleted: string[];
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );

/** Leaves out what an export carries but an import does not compare (timestamps). */
const comparable = (c: Record<string, unknown>) => {
  const { created: _c, updated: _u, ...rest } = c;
  return stable(rest);
};

/**
 * What importing `incoming` would do to `current`: collections are matched by id, then by name.
 * System collections are never deleted by an import, so they are not listed as deleted.
 */
export function diffSchema(current: CollectionModel[], incoming: Record<string, unknown>[], deleteMissing: boolean): SchemaDiff {
  const diff: SchemaDiff = { added: [], changed: [], unchanged: [], deleted: [] };
  const matched = new Set<string>();
  for (const c of incoming) {
    const existing = current.find((e) => e.id === c.id) ?? current.find((e) => e.name === c.name);
    const name = String(c.name ?? c.id ?? '(unnamed)');
    if (!existing) diff.added.push(name);
    else {
      matched.add(existing.id);
      (comparable(existing as unknown as Record<string, unknown>) === comparable(c) ? diff.unchanged : diff.changed).push(name);
    }
  }
  if (deleteMissing) for (const e of current) if (!matched.has(e.id) && !e.system) diff.deleted.push(e.name);
  return diff;
}

/** The collections of an export file: an array, or `{collections: [...]}`; throws a readable error otherwise. */
export function parseSchema(text: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`This is not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { collections?: unknown })?.collections;
  if (!Array.isArray(list) || list.some((c) => !c || typeof c !== 'object')) {
    throw new Error('Expected a JSON array of collections, as the export writes.');
  }
  return list as Record<string, unknown>[];
}
