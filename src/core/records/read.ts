import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { assertClientExpression, type ListQuery, parsePaging } from '../list-params.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type Condition, conditionsOf, MAIN } from '../rules-sql/index.js';
import { rowToRecord } from './codec.js';
import { compileRule } from './rule-check.js';

export interface ListResult {
  items: RecordData[];
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
}

function where(parts: Array<Condition | null>): Condition {
  const used = parts.filter((p): p is Condition => p !== null && p.sql !== '1=1');
  if (used.length === 0) return { sql: '', params: [] };
  return { sql: ` WHERE ${used.map((p) => `(${p.sql})`).join(' AND ')}`, params: used.flatMap((p) => p.params) };
}

/**
 * A list's queries may scan many rows. One of them is marked heavy so the store can run it off the
 * main thread: the COUNT when there is one (beside the page query), else the page query.
 */
const HEAVY = { heavy: true } as const;

/**
 * Without a sort, rows come in insertion order; databases whose scans don't keep it are told so.
 * A view has no insertion order (nor a row id column) there: its rows come by id, so pages stay stable.
 */
function naturalOrder(app: App, collection: Collection): string {
  if (app.store.dialect.caps.insertionOrderScans) return '';
  const q = app.store.dialect.quote;
  return ` ORDER BY ${collection.type === 'view' ? `${q(MAIN)}.${q('id')}` : app.store.compiler.rowid(MAIN)}`;
}

/** GET /records: listRule and filter in one WHERE, sort, paging and an optional total (§2.2, §6.3). */
export async function listRecords(
  app: App,
  collection: Collection,
  query: ListQuery,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<ListResult> {
  const paging = parsePaging(query);
  const su = info.requester.isSuperuser;
  if (collection.listRule === null && !su) throw Errors.superusersOnly();
  assertClientExpression(query.filter, su);
  assertClientExpression(query.sort, su);
  const c = conditionsOf(app);
  const rule = su ? null : compileRule(app, collection, collection.listRule ?? '', info);
  const filter = query.filter && query.filter !== '' ? c.filter(collection, query.filter, info) : null;
  const sort = query.sort && query.sort.trim() !== '' ? c.sort(collection, query.sort, info) : null;
  const w = where([rule, filter, sort?.where ?? null]);
  const q = db.dialect.quote;
  const from = `FROM ${q(collection.name)} AS ${q(MAIN)}${w.sql}`;
  const order = sort?.sql ? ` ORDER BY ${sort.sql}` : naturalOrder(app, collection);
  const offset = (paging.page - 1) * paging.perPage;
  const count = paging.skipTotal ? undefined : db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, w.params, HEAVY);
  const page = db.all(
    `SELECT ${q(MAIN)}.* ${from}${order} LIMIT ? OFFSET ?`,
    [...w.params, ...(sort?.params ?? []), paging.perPage, offset],
    count ? undefined : HEAVY,
  );
  const [rows, total] = await Promise.all([page, count]);
  let totalItems = -1;
  let totalPages = -1;
  if (!paging.skipTotal) {
    totalItems = Number(total?.n ?? 0);
    totalPages = Math.ceil(totalItems / paging.perPage);
  }
  return {
    items: rows.map((r) => rowToRecord(db.dialect, collection, r)),
    page: paging.page,
    perPage: paging.perPage,
    totalItems,
    totalPages,
  };
}

/** GET /records/{id}: viewRule null → 403; missing or rule not met → 404. */
export async function viewRecord(
  app: App,
  collection: Collection,
  id: string,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<RecordData> {
  const su = info.requester.isSuperuser;
  if (collection.viewRule === null && !su) throw Errors.superusersOnly();
  const rule = su ? null : compileRule(app, collection, collection.viewRule ?? '', info);
  const q = db.dialect.quote;
  const extra = rule ? ` AND (${rule.sql})` : '';
  const row = await db.get(
    `SELECT ${q(MAIN)}.* FROM ${q(collection.name)} AS ${q(MAIN)} WHERE ${q(MAIN)}.${q('id')} = ?${extra} LIMIT 1`,
    [id, ...(rule?.params ?? [])],
  );
  if (!row) throw Errors.notFound();
  return rowToRecord(db.dialect, collection, row);
}

/** Ids among `ids` whose record satisfies the collection's manageRule for this request. */
export async function managedIds(
  app: App,
  collection: Collection,
  ids: string[],
  info: RequestInfo,
): Promise<Set<string>> {
  const rule = collection.auth?.manageRule;
  if (collection.type !== 'auth' || !rule || rule.trim() === '' || ids.length === 0 || !info.requester.record) {
    return new Set();
  }
  const cond = compileRule(app, collection, rule, info);
  const db = app.store;
  const q = db.dialect.quote;
  const marks = ids.map(() => '?').join(', ');
  const rows = await db.all<{ id: string }>(
    `SELECT ${q(MAIN)}.${q('id')} AS id FROM ${q(collection.name)} AS ${q(MAIN)} WHERE ${q(MAIN)}.${q('id')} IN (${marks})${cond ? ` AND (${cond.sql})` : ''}`,
    [...ids, ...(cond?.params ?? [])],
  );
  return new Set(rows.map((r) => r.id));
}
