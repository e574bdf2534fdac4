import { parseBool } from '../lib/bool.js';
import { Errors } from './errors.js';

export interface ListQuery {
  page?: string;
  perPage?: string;
  sort?: string;
  filter?: string;
  skipTotal?: string;
  expand?: string;
  /** full-text search words (collections with `searchFields`) */
  search?: string;
  fields?: string;
}

export interface Paging {
  page: number;
  perPage: number;
  skipTotal: boolean;
}

function parseInteger(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^[+-]?\d{1,15}$/.test(raw.trim())) throw Errors.badRequest();
  return Number(raw.trim());
}

/**
 * page/perPage/skipTotal of a list: `page` defaults to 1 and `perPage` to 30, values of 0 or less
 * take the default, `perPage` is capped at 1000, and `skipTotal` is a boolean; malformed values give 400.
 */
export function parsePaging(q: ListQuery): Paging {
  let page = parseInteger(q.page, 1);
  let perPage = parseInteger(q.perPage, 30);
  if (page <= 0) page = 1;
  if (perPage <= 0) perPage = 30;
  if (perPage > 1000) perPage = 1000;
  let skipTotal = false;
  if (q.skipTotal !== undefined && q.skipTotal !== '') {
    const parsed = parseBool(q.skipTotal);
    if (parsed === undefined) throw Errors.badRequest();
    skipTotal = parsed;
  }
  return { page, perPage, skipTotal };
}

/** Non-superusers may not use `@collection.` or `@request.` in filter/sort (403). */
export function assertClientExpression(text: string | undefined, isSuperuser: boolean): void {
  if (!text || isSuperuser) return;
  if (text.includes('@collection.')) throw Errors.onlySuperusersFilterCollection();
  if (text.includes('@request.')) throw Errors.onlySuperusersFilterRequest();
}
