import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { rowToRecord } from '../core/records/codec.js';
import { type RecordData, requestInfo, SYSTEM } from '../core/request.js';
import { type Condition, conditionsOf, MAIN } from '../core/rules-sql/index.js';
import { type Fragment, sql } from '../store/sql.js';
import type { Queryable } from '../store/store.js';
import type { FindOptions } from './types.js';

const DEFAULT_LIMIT = 100;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** Where `{:name}` values travel: request body keys no collection field can be named. */
const PARAM_PREFIX = '__param_';

/**
 * `{:name}` placeholders become `@request.body.__param_name`, whose values the filter compiler binds
 * as SQL parameters like any request value: a parameter can never change the filter's shape.
 */
function withParams(filter: string, params: Record<string, unknown>): { text: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = {};
  const text = filter.replace(/\{:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`filter parameter {:${name}} has no value in params`);
    body[`${PARAM_PREFIX}${name}`] = params[name];
    return `@request.body.${PARAM_PREFIX}${name}`;
  });
  return { text, body };
}

function count(value: unknown, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0) throw new Error(`${what} must be a whole number ≥ 0`);
  return value as number;
}

/** Records of `collection` matching `filter` (no rules: code acts as a superuser), sorted and paged. */
export async function findRecords(
  app: App,
  db: Queryable,
  collection: Collection,
  filter: string,
  options: FindOptions,
): Promise<RecordData[]> {
  const limit = count(options.limit, DEFAULT_LIMIT, 'limit');
  const offset = count(options.offset, 0, 'offset');
  const { text, body } = withParams(String(filter ?? ''), options.params ?? {});
  const info = requestInfo(SYSTEM, { body });
  const c = conditionsOf(app);
  const parts: Condition[] = [];
  if (text.trim() !== '') parts.push(c.filter(collection, text, info));
  const sort = options.sort && options.sort.trim() !== '' ? c.sort(collection, options.sort, info) : null;
  if (sort?.where) parts.push(sort.where);
  const used = parts.filter((p) => p.sql !== '1=1').map((p) => sql`(${p})`);
  const where: Fragment = used.length > 0 ? sql` WHERE ${sql.join(used, ' AND ')}` : sql.empty;
  const order = sort?.sql ? sql` ORDER BY ${sort}` : sql.empty;
  // SQLite takes an OFFSET only after a LIMIT: "no limit" is the largest one
  const page = limit > 0 || offset > 0 ? sql` LIMIT ${limit > 0 ? limit : NO_LIMIT} OFFSET ${offset}` : sql.empty;
  const rows = await db.all(
    sql`SELECT ${sql.id(MAIN)}.* FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)}${where}${order}${page}`,
  );
  return rows.map((row) => rowToRecord(db.dialect, collection, row));
}
