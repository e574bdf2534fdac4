/**
 * Syntactic limits of the filter and sort languages; going over one is a 400. Limits that need
 * the schema (relation hops) are enforced by the resolver, not here.
 */
export const FILTER_LIMITS = Object.freeze({
  /** Characters (UTF-16 code units) in one filter string. */
  maxLength: 3500,
  /** Comparisons in one filter or rule. */
  maxComparisons: 200,
  /** Function calls nested inside each other, the outermost call counting as level 1. */
  maxFunctionDepth: 3,
  /** Arguments of one function call (strftime's maximum). */
  maxFunctionArgs: 10,
  /** Parentheses nested inside each other; bounds recursion on hostile input. */
  maxGroupDepth: 50,
  /** Items in one sort list. */
  maxSortFields: 8,
  /** Characters of one sort field name (without its +/- prefix). */
  maxSortFieldLength: 255,
});
