import { type Expr, parseFilter, parseIdentifier, parseSortList } from '../../rules/index.js';
import { Aliases, type Fragment, type SqlCompiler, sql } from '../../store/compiler.js';
import type { Collection } from '../collection.js';
import { MAIN } from './condition.js';
import type { Catalog, RequesterShape, ResolveContext } from './context.js';
import { FieldResolver } from './resolver.js';
import { fail } from './values.js';

export interface CompileOptions {
  readonly sql: SqlCompiler;
  readonly catalog: Catalog;
  /** Non-superuser client filter/sort (spec §5.8). */
  readonly restricted: boolean;
  readonly requester: RequesterShape;
}

function newContext(options: CompileOptions): ResolveContext {
  const ctx: ResolveContext = {
    ...options,
    aliases: new Aliases(),
    compile: (collection, rootAlias, expr) => compileTree({ ...ctx, restricted: false }, collection, rootAlias, expr),
  };
  return ctx;
}

function compileTree(ctx: ResolveContext, collection: Collection, rootAlias: string, expr: Expr): Fragment {
  return ctx.sql.compile(expr, new FieldResolver(ctx, collection, rootAlias), ctx.aliases);
}

/** A rule or filter → one boolean SQL expression over the row `"__r"`. */
export function compileFilterText(options: CompileOptions, collection: Collection, text: string): Fragment {
  return compileTree(newContext(options), collection, MAIN, parseFilter(text));
}

/** A sort list → ORDER BY terms (spec §5.11). */
export function compileSortText(options: CompileOptions, collection: Collection, text: string): Fragment {
  const ctx = newContext(options);
  const resolver = new FieldResolver(ctx, collection, MAIN);
  const noJoins = {
    join: (): string => fail('multi-valued fields cannot be sorted'),
    alias: () => ctx.aliases.next('s'),
  };
  const terms = parseSortList(text).map((item): Fragment => {
    if (item.field === '@random') return { sql: ctx.sql.random(), binds: [] };
    if (item.field === '@rowid') return { sql: ctx.sql.orderTerm(ctx.sql.rowid(MAIN), item.desc), binds: [] };
    const value = resolver.identifier(parseIdentifier(item.field), noJoins);
    if (!value.column || value.multi) fail(`invalid sort field "${item.field}"`);
    const term = value.guard ? sql`(CASE WHEN ${value.guard} THEN ${value} END)` : value;
    return { sql: ctx.sql.orderTerm(term.sql, item.desc), binds: term.binds };
  });
  return { sql: terms.map((t) => t.sql).join(', '), binds: terms.flatMap((t) => t.binds) };
}
