import type { SearchClause } from '../../store/search.js';
import { type Fragment, sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import type { RequestInfo } from '../request.js';
import { type Condition, conditionsOf, MAIN } from '../rules-sql/index.js';
import { splitRankSort } from './sort.js';
import { searchSpecOf } from './spec.js';
import { searchWords } from './words.js';

/**
 * The search of a list request: null when there is none (no `search`, or nothing but separators
 * in it). A non-blank `search` on a collection without `searchFields` is a 400.
 */
export function searchOfList(app: App, collection: Collection, search: string | undefined): SearchClause | null {
  if (search === undefined || search.trim() === '') return null;
  const spec = searchSpecOf(collection);
  if (!spec) throw Errors.searchNotEnabled();
  const words = searchWords(search);
  if (words.length === 0) return null;
  return app.store.compiler.searchClause(spec, words, MAIN);
}

/** The ORDER BY terms (without the keywords) and the extra row condition of a `sort` list. */
export interface ListOrder {
  terms: Fragment | null;
  where: Condition | null;
}

/**
 * A `sort` list that may hold `@rank` (relevance, higher first with `-@rank`). `@rank` without a
 * `search` parameter is a 400; with a search that kept no words it is left out.
 */
export function listOrder(
  app: App,
  collection: Collection,
  sort: string,
  info: RequestInfo,
  search: SearchClause | null,
  searchSent: boolean,
): ListOrder {
  const c = conditionsOf(app);
  const parts = splitRankSort(sort);
  if (!parts) {
    const compiled = c.sort(collection, sort, info);
    return { terms: compiled.sql ? compiled : null, where: compiled.where ?? null };
  }
  if (!searchSent) throw Errors.rankWithoutSearch();
  // `-@rank` alone is the default order, and gets its cheaper form
  const only = parts.length === 1 ? parts[0] : undefined;
  if (search && only?.rank && only.desc) return { terms: relevanceOrder(app, search), where: null };
  const terms: Fragment[] = [];
  const wheres: Condition[] = [];
  for (const part of parts) {
    if (part.rank) {
      if (search) terms.push(sql`${search.rank} ${sql.raw(part.desc ? 'DESC' : 'ASC')}`);
      continue;
    }
    const compiled = c.sort(collection, part.text, info);
    if (compiled.sql) terms.push(compiled);
    if (compiled.where && compiled.where.sql !== '') wheres.push(compiled.where);
  }
  const where = wheres.length > 0 ? sql`(${sql.join(wheres, ') AND (')})` : null;
  return { terms: terms.length > 0 ? sql.join(terms, ', ') : null, where };
}

/** The default order of a search: most relevant first, then insertion order so pages stay stable. */
export function relevanceOrder(app: App, search: SearchClause): Fragment {
  return search.mostRelevantFirst ?? sql`${search.rank} DESC, ${sql.raw(app.store.compiler.rowid(MAIN))}`;
}
