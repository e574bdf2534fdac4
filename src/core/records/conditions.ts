import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import type { RequestInfo } from '../request.js';

/** Alias of the main table in every generated record query. */
export const MAIN = '__r';

/** A parameterised SQL fragment. */
export interface Condition {
  sql: string;
  params: unknown[];
}

export const ALWAYS: Condition = Object.freeze({ sql: '1=1', params: [] }) as Condition;

/**
 * The seam where rules and filters become SQL. The rules compiler plugs in through `setConditionCompiler`.
 * Until then only the empty rule is understood.
 */
export interface ConditionCompiler {
  /** A collection rule (hidden fields, `@request.*` and `@collection.*` allowed). */
  rule(app: App, collection: Collection, rule: string, info: RequestInfo): Condition;
  /** A client `filter` (the non-superuser restrictions apply). */
  filter(app: App, collection: Collection, filter: string, info: RequestInfo): Condition;
  /** A client `sort` list → the ORDER BY expressions (without the keywords). */
  sort(app: App, collection: Collection, sort: string, info: RequestInfo): Condition;
}

const basic: ConditionCompiler = {
  rule: (_app, _c, rule) => {
    if (rule.trim() === '') return ALWAYS;
    throw Errors.badRequest();
  },
  filter: (_app, _c, filter) => {
    if (filter.trim() === '') return ALWAYS;
    throw Errors.badRequest();
  },
  sort: () => ({ sql: '', params: [] }),
};

let compiler: ConditionCompiler = basic;

export function setConditionCompiler(c: ConditionCompiler): void {
  compiler = c;
}

export function conditions(): ConditionCompiler {
  return compiler;
}
