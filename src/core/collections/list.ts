import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection, Field } from '../collection.js';
import { parsePaging } from '../list-params.js';
import { requestInfo, SYSTEM } from '../request.js';
import { conditionsOf, MAIN } from '../rules-sql/index.js';
import { collectionToJSON } from './json.js';
import { collectionFromRow } from './registry.js';
import { newCollection } from './scaffolds.js';

export interface ListResult {
  items: Array<Record<string, unknown>>;
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
}

const field = (name: string, type: 'text' | 'bool'): Field => ({
  id: name,
  name,
  type,
  system: true,
  hidden: false,
  presentable: false,
});

/** The `_collections` table seen as a collection of the fields a collections filter/sort may use (§3.5). */
const COLLECTIONS_TABLE: Collection = Object.freeze({
  ...newCollection('base', '_collections', '_collections'),
  system: true,
  fields: [
    field('id', 'text'),
    field('name', 'text'),
    field('type', 'text'),
    field('system', 'bool'),
    field('created', 'text'),
    field('updated', 'text'),
  ],
});

/** Lists collections with the paging, sort and filter parameters of §2.2 (fields limited per §3.5). */
export async function listCollections(app: App, query: Record<string, string>): Promise<ListResult> {
  const paging = parsePaging(query);
  const info = requestInfo(SYSTEM);
  const c = conditionsOf(app);
  const filter = query.filter ? c.filter(COLLECTIONS_TABLE, query.filter, info) : null;
  const sort = query.sort?.trim() ? c.sort(COLLECTIONS_TABLE, query.sort, info) : null;
  const db = app.store;
  const from = sql`FROM ${sql.id('_collections')} AS ${sql.id(MAIN)}${filter ? sql` WHERE ${filter}` : sql.empty}`;
  const order = sort?.sql ? sql` ORDER BY ${sort}` : sql.empty;
  const offset = (paging.page - 1) * paging.perPage;
  const rows = await db.all(sql`SELECT ${sql.id(MAIN)}.* ${from}${order} LIMIT ${paging.perPage} OFFSET ${offset}`);
  let totalItems = -1;
  let totalPages = -1;
  if (!paging.skipTotal) {
    const row = await db.get<{ n: number }>(sql`SELECT COUNT(*) AS n ${from}`);
    totalItems = Number(row?.n ?? 0);
    totalPages = Math.ceil(totalItems / paging.perPage);
  }
  const items = rows.map((r) => collectionToJSON(collectionFromRow(r)));
  return { items, page: paging.page, perPage: paging.perPage, totalItems, totalPages };
}
