import { type Fragment, sql } from '../../store/sql.js';

/** Alias of the main table in every generated record query. */
export const MAIN = '__r';

/** A compiled rule, filter or sort bound to one request: its parameters are plain values. */
export interface Condition extends Fragment {
  /** sorts only: a condition the listed rows must also satisfy */
  readonly where?: Condition;
}

export const ALWAYS: Condition = Object.freeze(sql.raw('1=1'));

/** Rules and filters compiled to SQL for one app (its dialect's compiler and template cache). */
export interface ConditionCompiler {
  /** A collection rule (hidden fields, `@request.*` and `@collection.*` allowed). */
  rule(
    collection: import('../collection.js').Collection,
    rule: string,
    info: import('../request.js').RequestInfo,
  ): Condition;
  /** A client `filter` (the non-superuser restrictions apply). */
  filter(
    collection: import('../collection.js').Collection,
    filter: string,
    info: import('../request.js').RequestInfo,
  ): Condition;
  /** A client `sort` list → the ORDER BY expressions (without the keywords). */
  sort(
    collection: import('../collection.js').Collection,
    sort: string,
    info: import('../request.js').RequestInfo,
  ): Condition;
}
