import type { Fragment } from '../../store/sql.js';
import { fragment } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { requestInfo, SYSTEM } from '../request.js';
import { isCompileError } from '../rules-sql/cache.js';
import { type CompileOptions, compileFilterText, compileSortText } from '../rules-sql/compile.js';
import type { Catalog } from '../rules-sql/context.js';
import { evaluateBinds } from '../rules-sql/env.js';
import { LOGS_COLLECTION } from './collection.js';

/** Filters on logs see no collection at all: `@collection.*` and back-relations fail to compile. */
const NO_COLLECTIONS: Catalog = { find: () => undefined };

/** Raised for a filter or sort on logs that does not parse or names something logs do not have. */
export class LogFilterError extends Error {}

function options(app: App): CompileOptions {
  return {
    sql: app.store.compiler,
    catalog: NO_COLLECTIONS,
    restricted: false,
    requester: { present: false, collection: null },
  };
}

function bound(f: Fragment): Fragment {
  const values = evaluateBinds(f.binds, { info: requestInfo(SYSTEM), now: new Date() });
  return fragment(
    f.sql,
    values.map((v) => () => v),
  );
}

function compiling<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isCompileError(err)) throw new LogFilterError(err.message);
    throw err;
  }
}

/**
 * A logs filter → a boolean SQL expression over the row `"__r"`, its values bound. Other internal
 * tables listed like logs (the audit trail, approvals) pass their own field list as `table`.
 */
export function compileLogFilter(app: App, text: string, table: Collection = LOGS_COLLECTION): Fragment {
  return compiling(() => bound(compileFilterText(options(app), table, text)));
}

/** A logs sort list (`-created,data.status`, `@rowid`, `@random`) → ORDER BY terms. */
export function compileLogSort(app: App, text: string, table: Collection = LOGS_COLLECTION): Fragment {
  return compiling(() => bound(compileSortText(options(app), table, text)));
}
