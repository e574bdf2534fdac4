import { type Fragment, sql } from '../store/sql.js';
import type { ReadOptions, Row } from '../store/store.js';
import type { Paging } from './list-params.js';

/** One page of a list, the body every list endpoint returns. */
export interface ListResult<T> {
  items: T[];
  page: number;
  perPage: number;
  /** -1 when the total was skipped (`skipTotal`) */
  totalItems: number;
  totalPages: number;
}

/** The SQL of a list, in parts: the page query adds LIMIT/OFFSET, the total counts over `from`. */
export interface ListSql {
  /** the selected columns */
  select: Fragment;
  /** `FROM …`, with the WHERE clause when there is one */
  from: Fragment;
  /** ` ORDER BY …`, or empty */
  order: Fragment;
}

/** What a page is read from: the store, a transaction, or any other source of rows (the logs store). */
export interface PageSource {
  all<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T[]>;
  get<T = Row>(query: Fragment, opts?: ReadOptions): Promise<T | undefined>;
}

/**
 * A list's queries may scan many rows. One of them is marked heavy so the store can run it off the
 * main thread: the COUNT when there is one (beside the page query), else the page query.
 */
const HEAVY = { heavy: true } as const;

/** Runs the page query and, unless the total is skipped, the COUNT beside it; rows become items through `toItem`. */
export async function queryPage<T>(
  db: PageSource,
  list: ListSql,
  paging: Paging,
  toItem: (row: Row) => T,
): Promise<ListResult<T>> {
  const { page, perPage, skipTotal } = paging;
  const count = skipTotal ? undefined : db.get<{ n: number }>(sql`SELECT COUNT(*) AS n ${list.from}`, HEAVY);
  const rows = db.all(
    sql`SELECT ${list.select} ${list.from}${list.order} LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    count ? undefined : HEAVY,
  );
  const [items, total] = await Promise.all([rows, count]);
  const totalItems = skipTotal ? -1 : Number(total?.n ?? 0);
  const totalPages = skipTotal ? -1 : Math.ceil(totalItems / perPage);
  return { items: items.map(toItem), page, perPage, totalItems, totalPages };
}
