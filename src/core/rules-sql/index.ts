import type { SqlCompiler } from '../../store/compiler.js';
import { type Fragment, fragment } from '../../store/sql.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { GUEST, type RequestInfo, requestInfo } from '../request.js';
import { isCompileError, type Template, TemplateCache } from './cache.js';
import { type CompileOptions, compileFilterText, compileSortText } from './compile.js';
import { ALWAYS, type Condition, type ConditionCompiler } from './condition.js';
import type { Catalog, RequesterShape } from './context.js';
import { evaluateBinds } from './env.js';

type Mode = 'rule' | 'filter' | 'sort';

const NO_SORT: Condition = fragment('');

const caches = new WeakMap<App, TemplateCache>();
const compilers = new WeakMap<App, ConditionCompiler>();

function cacheOf(app: App): TemplateCache {
  let cache = caches.get(app);
  if (!cache) {
    cache = new TemplateCache();
    caches.set(app, cache);
  }
  return cache;
}

/** Collections from the registry; `override` wins for its own id and name (a collection being saved). */
function catalogOf(app: App, override?: Collection): Catalog {
  return {
    find(idOrName) {
      if (override && (override.id === idOrName || override.name.toLowerCase() === idOrName.toLowerCase()))
        return override;
      return app.collections.find(idOrName);
    },
  };
}

function requesterOf(catalog: Catalog, info: RequestInfo): RequesterShape {
  const { record, collection } = info.requester;
  if (!record) return { present: false, collection: null };
  return { present: true, collection: collection ? (catalog.find(collection.id) ?? collection) : null };
}

function template(
  sql: SqlCompiler,
  app: App,
  collection: Collection,
  text: string,
  mode: Mode,
  info: RequestInfo,
): Template {
  const restricted = mode !== 'rule' && !info.requester.isSuperuser;
  const { record, collection: authCollection } = info.requester;
  const kind = record ? `auth:${authCollection?.id ?? ''}` : 'guest';
  const key = [mode, restricted ? 'client' : 'trusted', collection.id, kind, text].join('\u0000');
  return cacheOf(app).get(app.collections.version, key, () => {
    const catalog = catalogOf(app);
    const options: CompileOptions = { sql, catalog, restricted, requester: requesterOf(catalog, info) };
    if (mode === 'sort') {
      const sort = compileSortText(options, collection, text);
      return { sql: sort.sql, binds: sort.binds, ...(sort.where ? { where: sort.where } : {}) };
    }
    const fragment = compileFilterText(options, collection, text);
    return { sql: fragment.sql, binds: fragment.binds };
  });
}

function bind(sql: SqlCompiler, t: Template, info: RequestInfo): Condition {
  const env = { info, now: new Date() };
  const bound = (x: Template): Fragment =>
    fragment(
      x.sql,
      evaluateBinds(x.binds, env).map((v) => {
        const value = sql.param(v);
        return () => value;
      }),
    );
  return t.where ? { ...bound(t), where: bound(t.where) } : bound(t);
}

/** Rules, filters and sorts of `app`, compiled with its dialect's SQL compiler and cached per app. */
export function conditionsOf(app: App): ConditionCompiler {
  let c = compilers.get(app);
  if (!c) {
    const sql = app.store.compiler;
    c = {
      rule: (collection, rule, info) =>
        rule === '' ? ALWAYS : bind(sql, template(sql, app, collection, rule, 'rule', info), info),
      filter: (collection, filter, info) =>
        filter === '' ? ALWAYS : bind(sql, template(sql, app, collection, filter, 'filter', info), info),
      sort: (collection, sort, info) =>
        sort === '' ? NO_SORT : bind(sql, template(sql, app, collection, sort, 'sort', info), info),
    };
    compilers.set(app, c);
  }
  return c;
}

export { ALWAYS, type Condition, type ConditionCompiler, MAIN } from './condition.js';

/**
 * Checks that `rule` compiles for `collection` (which may not be registered yet); null when it
 * does, else the raw reason. The empty rule and null are valid.
 */
export function validateRuleExpression(app: App, collection: Collection, rule: string | null): string | null {
  if (rule === null || rule === '') return null;
  const catalog = catalogOf(app, collection);
  const options: CompileOptions = {
    sql: app.store.compiler,
    catalog,
    restricted: false,
    requester: requesterOf(catalog, requestInfo(GUEST)),
  };
  try {
    compileFilterText(options, collection, rule);
    return null;
  } catch (error) {
    if (isCompileError(error)) return error.message;
    throw error;
  }
}
