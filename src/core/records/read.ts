import { type Fragment, sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { type ListResult, queryPage } from '../list-page.js';
import { assertClientExpression, type ListQuery, parsePaging } from '../list-params.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type Condition, conditionsOf, MAIN } from '../rules-sql/index.js';
import { listOrder, relevanceOrder, searchOfList } from '../search/list.js';
import { rowToRecord } from './codec.js';
import { compileRule } from './rule-check.js';

function where(parts: Array<Condition | null>): Fragment {
  const used = parts.filter((p): p is Condition => p !== null && p.sql !== '1=1');
  if (used.length === 0) return sql.empty;
  const terms = used.map((p) => sql`(${p})`);
  return sql` WHERE ${sql.join(terms, ' AND ')}`;
}

/**
 * Without a sort, rows come in insertion order; databases whose scans don't keep it are told so.
 * A view has no insertion order (nor a row id column) there: its rows come by id, so pages stay stable.
 */
function naturalOrder(app: App, collection: Collection): Fragment {
  if (app.store.dialect.caps.insertionOrderScans) return sql.empty;
  if (collection.type === 'view') return sql` ORDER BY ${sql.id(MAIN, 'id')}`;
  return sql.raw(` ORDER BY ${app.store.compiler.rowid(MAIN)}`);
}

/**
 * GET /records: listRule, filter and an optional full-text `search` in one WHERE, sort (by relevance
 * by default when searching), paging and an optional total (skipped with `skipTotal`).
 */
export async function listRecords(
  app: App,
  collection: Collection,
  query: ListQuery,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<ListResult<RecordData>> {
  const paging = parsePaging(query);
  const su = info.requester.isSuperuser;
  if (collection.listRule === null && !su) throw Errors.superusersOnly();
  assertClientExpression(query.filter, su);
  assertClientExpression(query.sort, su);
  const c = conditionsOf(app);
  const search = searchOfList(app, collection, query.search);
  const rule = su ? null : compileRule(app, collection, collection.listRule ?? '', info);
  const filter = query.filter && query.filter !== '' ? c.filter(collection, query.filter, info) : null;
  const sortText = query.sort?.trim() ? query.sort : '';
  const sort = sortText ? listOrder(app, collection, sortText, info, search, query.search !== undefined) : null;
  const w = where([search?.where ?? null, rule, filter, sort?.where ?? null]);
  const join = search?.join ?? sql.empty;
  const from = sql`FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)}${join}${w}`;
  let order = naturalOrder(app, collection);
  if (sort?.terms) order = sql` ORDER BY ${sort.terms}`;
  else if (search) order = sql` ORDER BY ${relevanceOrder(app, search)}`;
  return queryPage(db, { select: sql`${sql.id(MAIN)}.*`, from, order }, paging, (r) =>
    rowToRecord(db.dialect, collection, r),
  );
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
  const extra = rule ? sql` AND (${rule})` : sql.empty;
  const row = await db.get(
    sql`SELECT ${sql.id(MAIN)}.* FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)} WHERE ${sql.id(MAIN, 'id')} = ${id}${extra} LIMIT 1`,
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
  const rows = await db.all<{ id: string }>(
    sql`SELECT ${sql.id(MAIN, 'id')} AS id FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)} WHERE ${sql.id(MAIN, 'id')} IN (${sql.list(ids)})${cond ? sql` AND (${cond})` : sql.empty}`,
  );
  return new Set(rows.map((r) => r.id));
}
