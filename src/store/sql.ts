/**
 * The `sql` template tag: SQL text and its parameters, built so that values are bound by default.
 *
 *   sql`SELECT * FROM ${sql.id(table)} WHERE ${sql.id('id')} IN (${sql.list(ids)}) AND ${rule}`
 *
 * Every interpolated value becomes a `?` parameter, strings included. SQL text enters only through
 * a fragment: another `sql` template, `sql.id` (quoted identifiers), `sql.raw` (trusted text such
 * as a dialect function's output), `sql.join` and `sql.list`. Fragments carry a brand that JSON or
 * a request body cannot forge, so a value shaped like a fragment is still bound as a value.
 *
 * Parameters are getters: a fragment compiled once (a rule) takes its values from the environment
 * it is bound to per request (`sql.param`); a value interpolated directly is a constant getter.
 * Placeholders are always `?` (the PostgreSQL adapter numbers them).
 */

/** Marks objects built here as SQL fragments. */
export const FRAGMENT: unique symbol = Symbol('sql.fragment');

/** Computes one parameter when a fragment is bound; the environment type belongs to the caller. */
export type Bind = (env: never) => unknown;

/** SQL text whose `?` marks take the values of `binds`, in order. */
export interface Fragment {
  readonly [FRAGMENT]: true;
  readonly sql: string;
  readonly binds: readonly Bind[];
}

/** A fragment from trusted text whose `?` marks match `binds` (for code that assembles SQL itself). */
export function fragment(text: string, binds: readonly Bind[] = []): Fragment {
  return { [FRAGMENT]: true, sql: text, binds };
}

export function isFragment(value: unknown): value is Fragment {
  return typeof value === 'object' && value !== null && (value as Partial<Fragment>)[FRAGMENT] === true;
}

/** An identifier in double quotes, embedded quotes doubled (standard SQL: SQLite and PostgreSQL). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const constant =
  (value: unknown): Bind =>
  () =>
    value;

function template(strings: TemplateStringsArray, ...values: readonly unknown[]): Fragment {
  let text = strings[0] as string;
  const binds: Bind[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isFragment(value)) {
      text += value.sql;
      for (const b of value.binds) binds.push(b);
    } else {
      text += '?';
      binds.push(constant(value));
    }
    text += strings[i + 1] as string;
  }
  return fragment(text, binds);
}

const EMPTY = Object.freeze(fragment(''));

export interface SqlTag {
  /** Interpolated fragments are spliced with their parameters; any other value is bound as one. */
  (strings: TemplateStringsArray, ...values: readonly unknown[]): Fragment;
  /** A quoted identifier; several parts are joined with dots (`sql.id('t', 'c')` → `"t"."c"`). */
  id(...parts: readonly string[]): Fragment;
  /** Trusted SQL text, spliced as is. Never for anything a client sent. */
  raw(text: string): Fragment;
  /** A parameter computed when the fragment is bound (a compiled rule reading the request). */
  param(get: Bind): Fragment;
  /** Fragments joined by `separator` (SQL text, a comma by default). */
  join(parts: readonly Fragment[], separator?: string): Fragment;
  /** `?, ?, …` binding each value (fragments among them are spliced), for `IN (…)` and VALUES lists. */
  list(values: readonly unknown[]): Fragment;
  /** The empty fragment. */
  readonly empty: Fragment;
}

export const sql: SqlTag = Object.assign(template, {
  id: (...parts: readonly string[]): Fragment => fragment(parts.map(quoteIdentifier).join('.')),
  raw: (text: string): Fragment => fragment(text),
  param: (get: Bind): Fragment => fragment('?', [get]),
  join(parts: readonly Fragment[], separator = ', '): Fragment {
    return fragment(
      parts.map((p) => p.sql).join(separator),
      parts.flatMap((p) => p.binds),
    );
  },
  list(values: readonly unknown[]): Fragment {
    // `IN ()` is a syntax error on both databases: callers handle the empty case themselves
    if (values.length === 0) throw new RangeError('sql.list needs at least one value');
    return sql.join(values.map((v) => (isFragment(v) ? v : sql`${v}`)));
  },
  empty: EMPTY,
});

/** The parameter values of a fragment, its getters called with `env` (none for plain values). */
export function valuesOf(f: Fragment, env?: unknown): unknown[] {
  return f.binds.map((b) => (b as (env: unknown) => unknown)(env));
}

/**
 * The arguments of a Queryable call as a driver takes them: `(fragment, options?)` or
 * `(text, values?, options?)` → text with `?` marks, its values and the options.
 */
export function statement<O extends object>(
  query: Fragment | string,
  second?: readonly unknown[] | O,
  third?: O,
): [text: string, values: readonly unknown[], options: O | undefined] {
  if (typeof query === 'string') return [query, (second as readonly unknown[] | undefined) ?? [], third];
  if (Array.isArray(second)) throw new TypeError('a sql fragment carries its own parameters');
  return [query.sql, valuesOf(query), second as O | undefined];
}

/** The text of a statement that takes no parameters (DDL, several statements at once). */
export function unboundText(query: Fragment | string): string {
  if (typeof query === 'string') return query;
  if (query.binds.length > 0) throw new TypeError('this statement cannot take parameters');
  return query.sql;
}
