import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection, Field } from '../collection.js';
import { type ListResult, queryPage } from '../list-page.js';
import { parsePaging } from '../list-params.js';
import { requestInfo, SYSTEM } from '../request.js';
import { conditionsOf, MAIN } from '../rules-sql/index.js';
import { collectionToJSON } from './json.js';
import { collectionFromRow } from './rows.js';
import { newCollection } from './scaffolds.js';

const field = (name: string, type: 'text' | 'bool'): Field => ({
  id: name,
  name,
  type,
  system: true,
  hidden: false,
  presentable: false,
});

/**
 * The `_collections` table seen as a collection of the fields a collections filter/sort may use: id,
 * name, type, system, created and updated.
 */
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

/** Lists collections with the paging, sort and filter parameters of a records list (on the fields above). */
export async function listCollections(
  app: App,
  query: Record<string, string>,
): Promise<ListResult<Record<string, unknown>>> {
  const paging = parsePaging(query);
  const info = requestInfo(SYSTEM);
  const c = conditionsOf(app);
  const filter = query.filter ? c.filter(COLLECTIONS_TABLE, query.filter, info) : null;
  const sort = query.sort?.trim() ? c.sort(COLLECTIONS_TABLE, query.sort, info) : null;
  const db = app.store;
  const from = sql`FROM ${sql.id('_collections')} AS ${sql.id(MAIN)}${filter ? sql` WHERE ${filter}` : sql.empty}`;
  const order = sort?.sql ? sql` ORDER BY ${sort}` : sql.empty;
  return queryPage(db, { select: sql`${sql.id(MAIN)}.*`, from, order }, paging, (r) =>
    collectionToJSON(collectionFromRow(r)),
  );
}
