import {
  type BaseOp,
  type Comparison,
  type Expr,
  type FuncOperand,
  type IdentOperand,
  type Operand,
  splitOp,
} from '../rules/index.js';
import type { Dialect } from './dialect.js';
import type { SearchClause, SearchSpec, SearchWords } from './search.js';
import { type Bind, type Fragment, fragment, sql } from './sql.js';

export { type Bind, type Fragment, sql } from './sql.js';

/**
 * The base SQL compiler: a filter/rule tree (rules/ast.ts) becomes ONE parameterised boolean
 * expression. Identifiers and functions are resolved by an OperandResolver (implemented by core);
 * this class owns the comparison semantics (operators, empty values, LIKE, multi-valued operands).
 * Placeholders are always `?`,
 * and `binds` lists their value getters in the order the `?` appear in the text.
 * Dialect-specific SQL lives in the overridable methods at the bottom.
 */

/** Raised for a filter that parses but cannot be compiled (unknown field, bad modifier, …). */
export class FilterCompileError extends Error {
  override readonly name = 'FilterCompileError';
}

/** What is known about a value being "empty" (`''` and NULL compare equal) before the request is bound. */
export type Emptiness = 'empty' | 'filled' | 'maybe' | 'dynamic';

/** A resolved operand. */
export interface SqlValue extends Fragment {
  readonly emptiness: Emptiness;
  /** For 'dynamic' values: the getter of the bound value, tested for emptiness at bind time. */
  readonly raw?: Bind;
  /** The binds are plain values (literals, macros, request values) that `~` may wrap in `%…%`. */
  readonly literal: boolean;
  /** A JSON value: `=`/`!=` become plain IS / IS NOT, without empty normalisation. */
  readonly json: boolean;
  /** Multi-valued: plain operators require every value to match; `?` operators any one. */
  readonly multi: boolean;
  /** Read from a column of the record itself or its relations (sortable). */
  readonly column: boolean;
  /** A condition ANDed to every comparison this value takes part in. */
  readonly guard?: Fragment;
}

/** A row source joined into an EXISTS subquery: `LEFT JOIN <source> AS <alias> ON <on>`. */
export interface JoinSpec {
  readonly source: Fragment;
  readonly on: Fragment | null;
}

export interface JoinScope {
  /** Registers the join once per key (sharing rows between comparisons); returns its alias. */
  join(key: string, build: (alias: string) => JoinSpec): string;
  /** A fresh alias for a self-contained subquery. */
  alias(): string;
}

export interface OperandResolver {
  identifier(node: IdentOperand, scope: JoinScope): SqlValue;
  call(node: FuncOperand, scope: JoinScope, arg: (node: Operand) => SqlValue): SqlValue;
}

/** Hands out aliases unique within one compiled statement. */
export class Aliases {
  private n = 0;
  next(prefix: string): string {
    this.n++;
    return `__${prefix}${this.n}`;
  }
}

interface JoinEntry {
  readonly alias: string;
  readonly spec: JoinSpec;
}

/** Joins registered while resolving the operands of one expression. */
export class Scope implements JoinScope {
  readonly joins = new Map<string, JoinEntry>();
  private touched: Set<string> | null = null;

  constructor(private readonly aliases: Aliases) {}

  join(key: string, build: (alias: string) => JoinSpec): string {
    let entry = this.joins.get(key);
    if (!entry) {
      const alias = this.aliases.next('j');
      entry = { alias, spec: build(alias) };
      this.joins.set(key, entry);
    }
    this.touched?.add(key);
    return entry.alias;
  }

  alias(): string {
    return this.aliases.next('s');
  }

  /** Runs `fn` and reports the join keys it used. */
  track<T>(fn: () => T): { result: T; keys: Set<string> } {
    const outer = this.touched;
    const keys = new Set<string>();
    this.touched = keys;
    try {
      return { result: fn(), keys };
    } finally {
      this.touched = outer;
      for (const k of keys) outer?.add(k);
    }
  }
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

const EMPTY = sql.raw("''");

interface Resolved {
  readonly left: SqlValue;
  readonly right: SqlValue;
  readonly keys: Set<string>;
}

export abstract class SqlCompiler {
  constructor(readonly dialect: Dialect) {}

  /** Compiles `expr`; joins shared by several comparisons go to one EXISTS around the whole expression. */
  compile(expr: Expr, resolver: OperandResolver, aliases: Aliases): Fragment {
    const scope = new Scope(aliases);
    const resolved = new Map<Comparison, Resolved>();
    for (const cmp of comparisons(expr)) {
      const { result, keys } = scope.track(() => {
        const left = this.operand(cmp.left, resolver, scope);
        return { left, right: this.operand(cmp.right, resolver, scope) };
      });
      resolved.set(cmp, { ...result, keys });
    }
    const uses = new Map<string, number>();
    for (const r of resolved.values()) for (const k of r.keys) uses.set(k, (uses.get(k) ?? 0) + 1);
    const entries = [...scope.joins.entries()];
    const body = this.render(expr, (cmp) => {
      const r = resolved.get(cmp) as Resolved;
      const local = entries.filter(([k]) => r.keys.has(k) && uses.get(k) === 1).map(([, e]) => e);
      return this.comparison(cmp, r, local, resolver, aliases);
    });
    const shared = entries.filter(([k]) => (uses.get(k) ?? 0) > 1).map(([, e]) => e);
    return shared.length > 0 ? this.exists(shared, body, aliases) : body;
  }

  /** Resolves one operand (literal, identifier or function call). */
  operand(node: Operand, resolver: OperandResolver, scope: JoinScope): SqlValue {
    switch (node.kind) {
      case 'ident':
        return resolver.identifier(node, scope);
      case 'func':
        return resolver.call(node, scope, (arg) => this.operand(arg, resolver, scope));
      case 'number':
        return literal(node.value, 'filled');
      case 'text':
        return literal(node.value, node.value === '' ? 'empty' : 'filled');
      case 'bool':
        return { ...fixed(this.boolLiteral(node.value)), emptiness: 'filled' };
      case 'null':
        return { ...fixed('NULL'), emptiness: 'empty' };
    }
  }

  /**
   * `a <op> b` for two single values: `''` and NULL are equal, `~` is a case-insensitive LIKE that
   * wraps a plain value in `%…%` unless it already holds a `%`.
   */
  condition(l: SqlValue, op: BaseOp, r: SqlValue): Fragment {
    switch (op) {
      case '=':
        return this.equality(l, r, true);
      case '!=':
        return this.equality(l, r, false);
      case '~':
        return this.like(l, r, 'LIKE');
      case '!~':
        return this.like(l, r, 'NOT LIKE');
      default:
        return sql`${l} ${sql.raw(op)} ${r}`;
    }
  }

  private render(expr: Expr, leaf: (cmp: Comparison) => Fragment): Fragment {
    if (expr.kind === 'cmp') return leaf(expr);
    const glue = expr.kind === 'and' ? 'AND' : 'OR';
    return sql`(${this.render(expr.left, leaf)} ${sql.raw(glue)} ${this.render(expr.right, leaf)})`;
  }

  private comparison(
    cmp: Comparison,
    r: Resolved,
    local: readonly JoinEntry[],
    resolver: OperandResolver,
    aliases: Aliases,
  ): Fragment {
    const { base, any } = splitOp(cmp.op);
    const parts = [this.condition(r.left, base, r.right)];
    if (!any && (r.left.multi || r.right.multi)) parts.push(this.violation(cmp, base, r, resolver, aliases));
    if (r.left.guard) parts.push(r.left.guard);
    if (r.right.guard) parts.push(r.right.guard);
    const cond = parts.length === 1 ? (parts[0] as Fragment) : sql`(${sql.join(parts, ' AND ')})`;
    return local.length > 0 ? this.exists(local, cond, aliases) : cond;
  }

  /** NOT EXISTS a value of the multi-valued operand(s), joined afresh, that breaks the condition. */
  private violation(cmp: Comparison, op: BaseOp, r: Resolved, resolver: OperandResolver, aliases: Aliases): Fragment {
    const scopes: Scope[] = [];
    const fresh = (node: Operand, value: SqlValue): SqlValue => {
      if (!value.multi) return value;
      const scope = new Scope(aliases);
      scopes.push(scope);
      return this.operand(node, resolver, scope);
    };
    const left = fresh(cmp.left, r.left);
    const right = fresh(cmp.right, r.right);
    const joins = scopes.flatMap((s) => [...s.joins.values()]);
    return sql`NOT ${this.exists(joins, sql`NOT (${this.condition(left, op, right)})`, aliases)}`;
  }

  protected exists(joins: readonly JoinEntry[], where: Fragment, aliases: Aliases): Fragment {
    const from = [sql.raw(this.anchor(aliases.next('o')))];
    for (const j of joins) from.push(this.leftJoin(j.spec.source, j.alias, j.spec.on));
    return sql`EXISTS (SELECT 1 FROM ${sql.join(from, ' ')} WHERE ${where})`;
  }

  protected equality(l: SqlValue, r: SqlValue, equal: boolean): Fragment {
    if (l.json || r.json) return sql`${l} ${sql.raw(this.nullSafe(equal))} ${r}`;
    if (l.emptiness === 'dynamic') return this.branchOnEmpty(l, (v) => this.equality(v, r, equal));
    if (r.emptiness === 'dynamic') return this.branchOnEmpty(r, (v) => this.equality(l, v, equal));
    const op = sql.raw(equal ? '=' : this.nullSafe(false));
    const le = l.emptiness === 'empty';
    const re = r.emptiness === 'empty';
    if (le && re) return sql`'' ${op} ''`;
    if (l.emptiness === 'filled' || r.emptiness === 'filled') return sql`${le ? EMPTY : l} ${op} ${re ? EMPTY : r}`;
    const glue = sql.raw(equal ? 'OR' : 'AND');
    const isNull = sql.raw(equal ? 'IS NULL' : 'IS NOT NULL');
    if (le) return sql`('' ${op} ${r} ${glue} ${r} ${isNull})`;
    if (re) return sql`(${l} ${op} '' ${glue} ${l} ${isNull})`;
    return sql`COALESCE(${l}, '') ${op} COALESCE(${r}, '')`;
  }

  /** The value's emptiness is known only when bound: both forms, chosen by a bound flag. */
  protected branchOnEmpty(v: SqlValue, build: (v: SqlValue) => Fragment): Fragment {
    const raw = v.raw as (env: never) => unknown;
    const flag = sql.param((env: never) => (isEmptyValue(raw(env)) ? 1 : 0));
    const empty = build({ ...v, emptiness: 'empty' });
    const filled = build({ ...v, emptiness: 'filled' });
    return sql`(CASE WHEN ${flag} = 1 THEN ${empty} ELSE ${filled} END)`;
  }

  protected like(l: SqlValue, r: SqlValue, op: 'LIKE' | 'NOT LIKE'): Fragment {
    if (r.literal && r.binds.length > 0) {
      const wrapped = fragment(
        r.sql,
        r.binds.map(
          (b): Bind =>
            (env: never) =>
              likePattern(b(env)),
        ),
      );
      return sql`${l} ${sql.raw(op)} ${wrapped}${sql.raw(this.likeEscape())}`;
    }
    return sql`${l} ${sql.raw(op)} ('%' || ${r} || '%')${sql.raw(this.likeEscape())}`;
  }

  // Dialect-specific pieces.

  quote(identifier: string): string {
    return this.dialect.quote(identifier);
  }

  column(alias: string, name: string): string {
    return `${this.quote(alias)}.${this.quote(name)}`;
  }

  boolLiteral(value: boolean): string {
    return value ? 'TRUE' : 'FALSE';
  }

  /** The null-safe equality (`equal`) or inequality operator. */
  nullSafe(equal: boolean): string {
    return equal ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM';
  }

  likeEscape(): string {
    return " ESCAPE '\\'";
  }

  random(): string {
    return 'RANDOM()';
  }

  /** The row source every EXISTS starts from: exactly one row, so LEFT JOINs keep empty relations. */
  anchor(alias: string): string {
    return `(SELECT 1) AS ${this.quote(alias)}`;
  }

  leftJoin(source: Fragment, alias: string, on: Fragment | null): Fragment {
    return sql`LEFT JOIN ${source} AS ${sql.id(alias)} ON ${on ?? sql.raw('1=1')}`;
  }

  /** Clamps the argument of asin so rounding never leaves its domain. */
  least(a: Fragment, b: Fragment): Fragment {
    return sql`LEAST(${a}, ${b})`;
  }

  /** Haversine distance in km between two lon/lat points given in degrees. */
  geoDistance(lonA: Fragment, latA: Fragment, lonB: Fragment, latB: Fragment): Fragment {
    const half = (a: Fragment, b: Fragment) => sql`SIN((RADIANS(${b}) - RADIANS(${a})) / 2)`;
    const dLat = half(latA, latB);
    const dLon = half(lonA, lonB);
    const h = sql`${dLat} * ${dLat} + COS(RADIANS(${latA})) * COS(RADIANS(${latB})) * ${dLon} * ${dLon}`;
    return sql`(12742 * ASIN(SQRT(${this.least(h, sql.raw('1'))})))`;
  }

  /** Normalises a bound value for the driver. */
  param(value: unknown): unknown {
    if (value === undefined) return null;
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) return safeJson(value);
    return value;
  }

  /** What a full-text search of `words` adds to a list over the records table aliased `alias`. */
  abstract searchClause(spec: SearchSpec, words: SearchWords, alias: string): SearchClause;

  /** The record row id (insertion order) of a table alias. */
  abstract rowid(alias: string): string;

  /**
   * One ORDER BY term; missing values sort first ascending and last descending, as SQLite does.
   * `nullable` is false for a NOT NULL column, which lets a database keep using an index order.
   */
  orderTerm(term: string, desc: boolean, _nullable = true): string {
    return `${term} ${desc ? 'DESC' : 'ASC'}`;
  }

  /** Lower-case of a text expression, folding ASCII letters only (SQLite's LOWER). */
  lower(expr: string): string {
    return `LOWER(${expr})`;
  }
  /** The value at a JSON path (string keys, numeric array indexes) of a column; NULL when missing. */
  abstract jsonExtract(column: string, path: readonly (string | number)[]): string;
  /** A table expression over the items of a JSON array column (a scalar counts as one item). */
  abstract jsonEach(column: string): string;
  /** A table expression over the items of a bound JSON array text. */
  abstract jsonEachArray(array: Fragment): Fragment;
  /** The item value column of a jsonEach/jsonEachArray alias. */
  abstract jsonEachValue(alias: string): string;
  /** Number of items of a JSON array column (a non-empty scalar counts as one). */
  abstract jsonArrayLength(column: string): string;
  /** strftime(format, time, modifiers…) with NULL normalised to ''. */
  abstract strftime(format: Fragment, args: readonly Fragment[]): Fragment;
}

function comparisons(expr: Expr): Comparison[] {
  if (expr.kind === 'cmp') return [expr];
  return [...comparisons(expr.left), ...comparisons(expr.right)];
}

function fixed(text: string): Omit<SqlValue, 'emptiness'> {
  return { ...sql.raw(text), literal: false, json: false, multi: false, column: false };
}

function literal(value: unknown, emptiness: Emptiness): SqlValue {
  return { ...fixed('?'), binds: [() => value], literal: true, emptiness };
}

function safeJson(value: object): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

/**
 * The LIKE pattern for a literal right operand: used verbatim when it holds an unescaped `%`,
 * otherwise `\`, `%` and `_` are escaped (pairs already escaped are kept) and it is wrapped in `%…%`.
 */
export function likePattern(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : String(value);
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && (next === '\\' || next === '%' || next === '_')) {
      escaped += ch + next;
      i++;
    } else if (ch === '%') {
      return text;
    } else {
      escaped += ch === '\\' || ch === '_' ? `\\${ch}` : ch;
    }
  }
  return `%${escaped}%`;
}
