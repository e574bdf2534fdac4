import { Params } from '../../store/dialect.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { collectionToJSON } from './json.js';
import { compileListFilter, compileListSort } from './list-filter.js';
import { collectionFromRow } from './registry.js';

export interface ListResult {
  items: Array<Record<string, unknown>>;
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 1000;
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[+-]?\d+$/.test(value)) throw Errors.badRequest();
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw Errors.badRequest();
  return n;
}

function bool(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw Errors.badRequest();
}

/** Lists collections with the paging, sort and filter parameters of §2.2 (fields limited per §3.5). */
export async function listCollections(app: App, query: Record<string, string>): Promise<ListResult> {
  const page = Math.max(int(query.page, 1), 1);
  let perPage = int(query.perPage, DEFAULT_PER_PAGE);
  if (perPage <= 0) perPage = DEFAULT_PER_PAGE;
  if (perPage > MAX_PER_PAGE) perPage = MAX_PER_PAGE;
  const skipTotal = bool(query.skipTotal);
  const db = app.store;
  const q = db.dialect.quote;
  const params = new Params(db.dialect);
  const where = compileListFilter(query.filter ?? '', db.dialect, params);
  const order = compileListSort(query.sort ?? '', db.dialect);
  const whereSql = where ? ` WHERE ${where}` : '';
  const orderSql = order ? ` ORDER BY ${order}` : '';
  const limit = ` LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`;
  const rows = await db.all(`SELECT * FROM ${q('_collections')}${whereSql}${orderSql}${limit}`, params.values);
  let totalItems = -1;
  let totalPages = -1;
  if (!skipTotal) {
    const row = await db.get<{ total: number }>(
      `SELECT COUNT(*) AS ${q('total')} FROM ${q('_collections')}${whereSql}`,
      params.values,
    );
    totalItems = Number(row?.total ?? 0);
    totalPages = Math.ceil(totalItems / perPage);
  }
  return { items: rows.map((r) => collectionToJSON(collectionFromRow(r))), page, perPage, totalItems, totalPages };
}
