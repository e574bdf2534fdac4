import { type Expr, parseFilter, parseIdentifier, parseSortList } from '../../rules/index.js';
import { Aliases, type Fragment, type SqlCompiler, sql } from '../../store/compiler.js';
import { fragment } from '../../store/sql.js';
import type { Collection } from '../collection.js';
import { MAIN } from './condition.js';
import type { Catalog, RequesterShape, ResolveContext } from './context.js';
import { FieldResolver } from './resolver.js';
import { fail } from './values.js';

export interface CompileOptions {
  readonly sql: SqlCompiler;
  readonly catalog: Catalog;
  /** Non-superuser client filter/sort, with the restrictions described on ResolveContext. */
  readonly restricted: boolean;
  readonly requester: RequesterShape;
}

function newContext(options: CompileOptions): ResolveContext {
  const ctx: ResolveContext = {
    ...options,
    aliases: new Aliases(),
    guards: new Map(),
    compile: (collection, rootAlias, expr) => compileTree({ ...ctx, restricted: false }, collection, rootAlias, expr),
  };
  return ctx;
}

function compileTree(ctx: ResolveContext, collection: Collection, rootAlias: string, expr: Expr): Fragment {
  return ctx.sql.compile(expr, new FieldResolver(ctx, collection, rootAlias), ctx.aliases);
}

/** The statement-wide guards of a compilation, ANDed; null when there are none. */
function guardsOf(ctx: ResolveContext): Fragment | null {
  const list = [...ctx.guards.values()];
  return list.length === 0 ? null : sql.join(list, ' AND ');
}

/** A rule or filter → one boolean SQL expression over the row `"__r"`. */
export function compileFilterText(options: CompileOptions, collection: Collection, text: string): Fragment {
  const ctx = newContext(options);
  const expr = compileTree(ctx, collection, MAIN, parseFilter(text));
  const guards = guardsOf(ctx);
  return guards ? sql`(${expr}) AND ${guards}` : expr;
}

/** ORDER BY terms, plus the condition the listed rows must satisfy for those terms to be visible. */
export interface SortFragment extends Fragment {
  readonly where: Fragment | null;
}

/** A sort list → ORDER BY terms; each item must resolve to a plain column expression. */
export function compileSortText(options: CompileOptions, collection: Collection, text: string): SortFragment {
  const ctx = newContext(options);
  const resolver = new FieldResolver(ctx, collection, MAIN);
  const noJoins = {
    join: (): string => fail('multi-valued fields cannot be sorted'),
    alias: () => ctx.aliases.next('s'),
  };
  const terms = parseSortList(text).map((item): Fragment => {
    if (item.field === '@random') return sql.raw(ctx.sql.random());
    if (item.field === '@rowid') {
      // a view has no row id: its rows are computed, not stored
      if (collection.type === 'view') fail('views cannot be sorted by @rowid');
      return sql.raw(ctx.sql.orderTerm(ctx.sql.rowid(MAIN), item.desc, false));
    }
    const value = resolver.identifier(parseIdentifier(item.field), noJoins);
    if (!value.column || value.multi) fail(`invalid sort field "${item.field}"`);
    const term = value.guard ? sql`(CASE WHEN ${value.guard} THEN ${value} END)` : value;
    // a record column itself is NOT NULL; paths through relations or JSON may be missing
    const nullable = term.sql !== ctx.sql.column(MAIN, item.field);
    return fragment(ctx.sql.orderTerm(term.sql, item.desc, nullable), term.binds);
  });
  return { ...sql.join(terms, ', '), where: guardsOf(ctx) };
}
