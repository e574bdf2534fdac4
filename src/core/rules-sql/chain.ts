import { parseFilter } from '../../rules/index.js';
import { type Fragment, type JoinScope, type SqlValue, sql } from '../../store/compiler.js';
import type { Collection } from '../collection.js';
import type { ResolveContext } from './context.js';
import { expressionValue, fail } from './values.js';

/** One hop from a row source to other rows: a related collection, or the items of a JSON array. */
export interface Step {
  /** Identifies the hop under its predecessors; equal paths share their joined rows. */
  readonly key: string;
  /** The hop may yield several rows. */
  readonly multi: boolean;
  /** The collection whose rows the hop yields (null for JSON array items). */
  readonly collection: Collection | null;
  /** The row source and its correlation with the previous alias. */
  build(alias: string, prev: string): { source: Fragment; on: Fragment | null };
}

/** A path of hops from a root: the record row (`rootAlias`), or a self-contained source. */
export interface Chain {
  readonly rootKey: string;
  readonly rootAlias: string;
  readonly steps: readonly Step[];
}

/** Where a path ends: hops to append to a chain, and the SQL read from the last alias. */
export interface PathEnd {
  readonly steps: readonly Step[];
  readonly terminal: (alias: string) => Fragment;
  readonly json: boolean;
  /** A condition on the last row that must hold for the value to be seen (auth email visibility). */
  readonly guard?: (alias: string) => Fragment;
}

/**
 * Renders `terminal` at the end of a chain. Without a multi-valued hop the chain becomes one
 * scalar subquery (NULL when a hop finds nothing); otherwise every hop is a shared LEFT JOIN
 * registered in `scope`, so the compiler can evaluate the value per joined row.
 */
function throughChain(
  ctx: ResolveContext,
  scope: JoinScope,
  chain: Chain,
  terminal: (alias: string) => Fragment,
): Fragment {
  const { steps } = chain;
  if (steps.length === 0) return terminal(chain.rootAlias);
  if (steps.some((s) => s.multi)) {
    let prev = chain.rootAlias;
    let key = chain.rootKey;
    for (const step of steps) {
      key += `/${step.key}`;
      const from = prev;
      prev = scope.join(key, (alias) => visibleStep(ctx, step, alias, from));
    }
    return terminal(prev);
  }
  addVisibilityGuards(ctx, chain);
  const hops = joinHops(
    chain.rootAlias,
    steps,
    () => scope.alias(),
    (step, alias, prev) => visibleStep(ctx, step, alias, prev),
  );
  const filter = hops.where ? sql` WHERE ${hops.where}` : sql.empty;
  return sql`(SELECT ${terminal(hops.last)} FROM ${hops.from}${filter} LIMIT 1)`;
}

/** Single-valued hops as `first AS a1 JOIN next AS a2 ON …`, the first hop's correlation as `where`. */
function joinHops(
  rootAlias: string,
  steps: readonly Step[],
  nextAlias: () => string,
  build: (step: Step, alias: string, prev: string) => { source: Fragment; on: Fragment | null },
): { from: Fragment; where: Fragment | null; last: string } {
  let prev = rootAlias;
  const from: Fragment[] = [];
  let where: Fragment | null = null;
  for (const [i, step] of steps.entries()) {
    const alias = nextAlias();
    const { source, on } = build(step, alias, prev);
    const as = sql.id(alias);
    if (i === 0) {
      from.push(sql`${source} AS ${as}`);
      where = on;
    } else {
      from.push(sql`JOIN ${source} AS ${as} ON ${on ?? sql.raw('1=1')}`);
    }
    prev = alias;
  }
  return { from: sql.join(from, ' '), where, last: prev };
}

/** The value at the end of `root` + `end`. */
export function pathValue(ctx: ResolveContext, scope: JoinScope, root: Chain, end: PathEnd, column: boolean): SqlValue {
  const chain: Chain = { ...root, steps: [...root.steps, ...end.steps] };
  const value = throughChain(ctx, scope, chain, end.terminal);
  const guard = end.guard ? throughChain(ctx, scope, chain, end.guard) : undefined;
  return expressionValue(value, {
    json: end.json,
    multi: chain.steps.some((s) => s.multi),
    column,
    ...(guard ? { guard } : {}),
  });
}

/** A step whose rows are limited, in a restricted client filter, to those its listRule lets through. */
export function visibleStep(
  ctx: ResolveContext,
  step: Step,
  alias: string,
  prev: string,
): { source: Fragment; on: Fragment | null } {
  const built = step.build(alias, prev);
  const rule = step.collection ? listRuleCondition(ctx, step.collection, alias) : null;
  if (!rule) return built;
  return { source: built.source, on: built.on ? sql`${built.on} AND ${rule}` : rule };
}

/**
 * A collection reached by a non-superuser's filter must have a listRule (else the filter is a 400);
 * a non-empty one is compiled (rule mode) against the joined row. Rows it rejects count as absent.
 */
function listRuleCondition(ctx: ResolveContext, collection: Collection, alias: string): Fragment | null {
  if (!ctx.restricted) return null;
  const rule = collection.listRule;
  if (rule === null || rule === undefined)
    fail(`the "${collection.name}" collection can be filtered only by superusers`);
  if (rule === '') return null;
  return sql`(${ctx.compile(collection, alias, parseFilter(rule))})`;
}

/**
 * For a restricted client filter or sort, every related collection's non-empty
 * listRule is ANDed to the whole statement as "no related record is there, or it passes the rule".
 * One guard per hop of a single-valued chain; hops through multi-valued paths stay filtered in the join.
 */
function addVisibilityGuards(ctx: ResolveContext, chain: Chain): void {
  if (!ctx.restricted) return;
  let key = chain.rootKey;
  for (const [k, step] of chain.steps.entries()) {
    key += `/${step.key}`;
    const rule = step.collection?.listRule;
    if (!step.collection || !rule || ctx.guards.has(key)) continue;
    const hops = joinHops(
      chain.rootAlias,
      chain.steps.slice(0, k + 1),
      () => ctx.aliases.next('v'),
      (hop, alias, prev) => hop.build(alias, prev),
    );
    const passes = ctx.compile(step.collection, hops.last, parseFilter(rule));
    ctx.guards.set(
      key,
      sql`NOT EXISTS (SELECT 1 FROM ${hops.from} WHERE ${hops.where ?? sql.raw('1=1')} AND (${passes}) IS NOT TRUE)`,
    );
  }
}
