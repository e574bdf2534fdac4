import { sql } from '../../store/sql.js';
import type { Queryable, Row } from '../../store/store.js';
import { AUTH_OPTION_KEYS, type AuthOptions, type Collection } from '../collection.js';
import { storedWebhooks } from '../webhooks/stored.js';

const storedSearchFields = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [];

/** Row of the `_collections` table ↔ Collection. */
export function collectionFromRow(row: Row): Collection {
  const parse = (v: unknown, fallback: unknown) => {
    if (v == null) return fallback;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return fallback;
    }
  };
  const options = parse(row.options, {}) as Record<string, unknown>;
  const c: Collection = {
    id: String(row.id),
    name: String(row.name),
    type: row.type as Collection['type'],
    system: row.system === 1 || row.system === true,
    fields: parse(row.fields, []) as Collection['fields'],
    indexes: parse(row.indexes, []) as string[],
    listRule: (row.listRule as string | null) ?? null,
    viewRule: (row.viewRule as string | null) ?? null,
    createRule: (row.createRule as string | null) ?? null,
    updateRule: (row.updateRule as string | null) ?? null,
    deleteRule: (row.deleteRule as string | null) ?? null,
    created: String(row.created ?? ''),
    updated: String(row.updated ?? ''),
  };
  if (c.type === 'view') c.viewQuery = String(options.viewQuery ?? '');
  if (c.type === 'auth') c.auth = authOptionsOf(options);
  if (c.type !== 'view') c.searchFields = storedSearchFields(options.searchFields);
  if (c.type !== 'view') c.webhooks = storedWebhooks(options.webhooks);
  return c;
}

/**
 * The auth options of a stored row: flat in `options`, as PocketBase stores them (and Basalt now
 * does), or nested under `options.auth`, as Basalt stored them before.
 */
function authOptionsOf(options: Record<string, unknown>): AuthOptions | undefined {
  const nested = options.auth;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return nested as AuthOptions;
  const flat: Record<string, unknown> = {};
  for (const key of AUTH_OPTION_KEYS) if (key in options) flat[key] = options[key];
  return Object.keys(flat).length > 0 ? (flat as unknown as AuthOptions) : undefined;
}

/** The `_collections` row: options in PocketBase's shape (auth options flat, `viewQuery` for views). */
export function collectionToRow(c: Collection): Row {
  const options: Record<string, unknown> = {};
  if (c.type === 'view') options.viewQuery = c.viewQuery ?? '';
  if (c.type === 'auth' && c.auth) Object.assign(options, c.auth);
  if (c.type !== 'view' && c.searchFields && c.searchFields.length > 0) options.searchFields = c.searchFields;
  if (c.type !== 'view' && c.webhooks && c.webhooks.length > 0) options.webhooks = c.webhooks;
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    system: c.system ? 1 : 0,
    fields: JSON.stringify(c.fields),
    indexes: JSON.stringify(c.indexes),
    listRule: c.listRule,
    viewRule: c.viewRule,
    createRule: c.createRule,
    updateRule: c.updateRule,
    deleteRule: c.deleteRule,
    options: JSON.stringify(options),
    created: c.created,
    updated: c.updated,
  };
}

/** Every stored collection, oldest first, read through `db` (the store or a transaction). */
export async function loadCollections(db: Queryable): Promise<Collection[]> {
  const rows = await db.all(
    sql`SELECT * FROM ${sql.id('_collections')} ORDER BY ${sql.id('created')}, ${sql.id('id')}`,
  );
  return rows.map(collectionFromRow);
}
