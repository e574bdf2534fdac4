import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { type ListResult, queryPage } from '../list-page.js';
import { assertClientExpression, type ListQuery, parsePaging } from '../list-params.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type Condition, conditionsOf, MAIN } from '../rules-sql/index.js';
import { rowToRecord } from './codec.js';
import { compileRule } from './rule-check.js';

function where(parts: Array<Condition | null>): Condition {
  const used = parts.filter((p): p is Condition => p !== null && p.sql !== '1=1');
  if (used.length === 0) return { sql: '', params: [] };
  return { sql: ` WHERE ${used.map((p) => `(${p.sql})`).join(' AND ')}`, params: used.flatMap((p) => p.params) };
}

/** Without a sort, rows come in insertion order; databases whose scans don't keep it are told so. */
function naturalOrder(app: App): string {
  return app.store.dialect.caps.insertionOrderScans ? '' : ` ORDER BY ${app.sql.rowid(MAIN)}`;
}

/** GET /records: listRule and filter in one WHERE, sort, paging and an optional total (§2.2, §6.3). */
export async function listRecords(
  app: App,
  collection: Collection,
  query: ListQuery,
  info: RequestInfo,
): Promise<ListResult<RecordData>> {
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
  const db: Queryable = app.store;
  const q = db.dialect.quote;
  const from = `FROM ${q(collection.name)} AS ${q(MAIN)}${w.sql}`;
  const order = sort?.sql ? ` ORDER BY ${sort.sql}` : naturalOrder(app);
  const sql = { select: `${q(MAIN)}.*`, from, params: w.params, order, orderParams: sort?.params ?? [] };
  return queryPage(db, sql, paging, (r) => rowToRecord(db.dialect, collection, r));
}

/** GET /records/{id}: viewRule null → 403; missing or rule not met → 404. */
export async function viewRecord(app: App, collection: Collection, id: string, info: RequestInfo): Promise<RecordData> {
  const su = info.requester.isSuperuser;
  if (collection.viewRule === null && !su) throw Errors.superusersOnly();
  const rule = su ? null : compileRule(app, collection, collection.viewRule ?? '', info);
  const db = app.store;
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
