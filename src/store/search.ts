import type { Fragment } from './sql.js';

/**
 * A collection's full-text index as the core describes it: the text columns of one records table.
 * `key` (the collection id) names the index objects, so they survive a table rename unchanged in name.
 */
export interface SearchSpec {
  key: string;
  table: string;
  columns: string[];
}

/** What a search adds to a list query over the records table aliased `alias`. */
export interface SearchClause {
  /** joined after `FROM <table> AS <alias>` (empty when the index lives in the table itself) */
  join: Fragment;
  /** the match condition, ANDed with the rule and the filter */
  where: Fragment;
  /** relevance of the row: higher is better */
  rank: Fragment;
  /**
   * ORDER BY terms for "most relevant first, ties in insertion order" in the form the index evaluates
   * cheapest, when that is not `rank DESC` plus the row id
   */
  mostRelevantFirst?: Fragment;
}

/**
 * Search words as the core hands them over: lower-case runs of letters, digits and marks, never
 * empty, at most a few dozen. The last one matches as a prefix.
 */
export type SearchWords = readonly string[];

/** Text indexed per row is cut to this many characters (PostgreSQL caps a tsvector at 1 MB). */
export const SEARCH_TEXT_LIMIT = 250_000;

/**
 * True when two specs describe the same index (nothing to rebuild). The table's name does not
 * count: renaming a table carries its triggers (SQLite) and generated column (PostgreSQL) along,
 * and the index objects are named after the key.
 */
export function sameSearchSpec(a: SearchSpec | null, b: SearchSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return a.key === b.key && a.columns.join('\u0000') === b.columns.join('\u0000');
}
