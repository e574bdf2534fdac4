import type { BaseOp } from '../../rules/index.js';
import {
  FilterCompileError,
  type Fragment,
  isEmptyValue,
  likePattern,
  SqlCompiler,
  type SqlValue,
  sql,
} from '../compiler.js';
import type { SearchClause, SearchSpec, SearchWords } from '../search.js';
import { fragment } from '../sql.js';
import { asciiLower, postgresDialect, toJsonb } from './dialect.js';
import { ROWID_COLUMN } from './schema.js';
import { postgresSearchClause } from './search.js';
import { strftime } from './strftime.js';

const JSON_KEY = /^[A-Za-z0-9_]+$/;
const NUMBER = String.raw`^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$`;
const EMPTY = sql.raw("''");

const asText = (v: Fragment): Fragment => sql`(${v})::text`;
const textValue = (v: SqlValue): SqlValue => ({ ...v, ...asText(v) });
const numericText = (s: string) => new RegExp(NUMBER).test(s);

/** The value of a bound filter literal, known while compiling; undefined for request values and macros. */
function constantOf(v: SqlValue): unknown {
  if (!v.literal || v.sql !== '?' || v.binds.length !== 1) return undefined;
  try {
    return (v.binds[0] as (env?: unknown) => unknown)(undefined);
  } catch {
    return undefined;
  }
}

/** A bound value's SQLite storage class, bound beside it: 0 NULL, 1 number (booleans too), 2 text. */
function typeTag(v: SqlValue): Fragment | null {
  if (!v.literal || v.binds.length !== 1) return null;
  const read = v.binds[0] as (env: never) => unknown;
  const plain = v.sql === '?';
  return sql.param((env: never) => {
    const x = read(env);
    if (x === null || x === undefined) return 0;
    if (typeof x === 'boolean') return plain ? 1 : 2;
    if (typeof x === 'number') return !Number.isFinite(x) ? 0 : plain ? 1 : 2;
    return 2;
  });
}

/** A text literal that no number, boolean or date column could hold: the other side compares as text. */
const isPlainText = (v: SqlValue) => {
  const c = constantOf(v);
  return typeof c === 'string' && c !== '' && !numericText(c);
};

/** The value as double precision when its text is a number, else NULL (never raises, even on constants). */
const asNumber = (v: Fragment): Fragment =>
  sql`(CASE WHEN (${v})::text ~ ${sql.raw(`'${NUMBER}'`)} THEN ((${v})::text)::float8 END)`;

/**
 * The filter compiler for PostgreSQL. Differences from SQLite: IS [NOT] DISTINCT FROM instead of
 * IS [NOT]; LIKE folds ASCII case only (as SQLite's LIKE does); JSON is read from the text
 * columns through jsonb; values read from JSON compare as numbers when both sides are numeric,
 * else as text (PostgreSQL will not compare mixed types); strftime is rebuilt from to_char.
 */
export class PostgresCompiler extends SqlCompiler {
  constructor() {
    super(postgresDialect);
  }

  override condition(l: SqlValue, op: BaseOp, r: SqlValue): Fragment {
    switch (op) {
      case '=':
        return this.equals(l, r, true);
      case '!=':
        return this.equals(l, r, false);
      case '~':
        return this.contains(l, r, 'LIKE');
      case '!~':
        return this.contains(l, r, 'NOT LIKE');
      default:
        if (l.json || r.json || (l.literal && r.literal)) return this.mixed(l, op, r);
        return this.ordered(l, op, r);
    }
  }

  /** A column compared with a non-numeric text literal is read as text (PostgreSQL would reject `number = 'abc'`). */
  private textAgainstText(l: SqlValue, r: SqlValue): [SqlValue, SqlValue] {
    if (!l.literal && isPlainText(r)) return [textValue(l), r];
    if (!r.literal && isPlainText(l)) return [l, textValue(r)];
    return [l, r];
  }

  private ordered(left: SqlValue, op: BaseOp, right: SqlValue): Fragment {
    const [l, r] = this.textAgainstText(left, right);
    return super.condition(l, op, r);
  }

  override boolLiteral(value: boolean): string {
    return value ? "'1'" : "'0'";
  }

  /** Booleans bind as 1/0, as on SQLite: the text '1' reads as true in a boolean column and as 1 in a number one. */
  override param(value: unknown): unknown {
    if (typeof value === 'boolean') return value ? 1 : 0;
    return super.param(value);
  }

  /** `=` / `!=` with the empty-string/NULL rules of the base compiler. */
  private equals(left: SqlValue, right: SqlValue, equal: boolean): Fragment {
    const [l, r] = this.textAgainstText(left, right);
    if (l.json || r.json) return this.mixed(l, equal ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', r);
    if (l.emptiness === 'dynamic') return this.byEmptiness(l, (v) => this.equals(v, r, equal));
    if (r.emptiness === 'dynamic') return this.byEmptiness(r, (v) => this.equals(l, v, equal));
    const op = sql.raw(equal ? '=' : 'IS DISTINCT FROM');
    const le = l.emptiness === 'empty';
    const re = r.emptiness === 'empty';
    if (le && re) return sql`'' ${op} ''`;
    if (l.emptiness === 'filled' && r.emptiness === 'filled' && l.literal && r.literal) return this.mixed(l, op.sql, r);
    if (l.emptiness === 'filled' || r.emptiness === 'filled') {
      return sql`${le ? EMPTY : re ? asText(l) : l} ${op} ${re ? EMPTY : le ? asText(r) : r}`;
    }
    const glue = sql.raw(equal ? 'OR' : 'AND');
    const isNull = sql.raw(equal ? 'IS NULL' : 'IS NOT NULL');
    if (le) return sql`('' ${op} ${asText(r)} ${glue} ${r} ${isNull})`;
    if (re) return sql`(${asText(l)} ${op} '' ${glue} ${l} ${isNull})`;
    return sql`COALESCE(${asText(l)}, '') ${op} COALESCE(${asText(r)}, '')`;
  }

  /** Both forms of a comparison, chosen by a flag bound with the request (the value's emptiness). */
  private byEmptiness(v: SqlValue, build: (v: SqlValue) => Fragment): Fragment {
    const raw = v.raw as (env: never) => unknown;
    const flag = sql.param((env: never) => (isEmptyValue(raw(env)) ? 1 : 0));
    const empty = build({ ...v, emptiness: 'empty' });
    const filled = build({ ...v, emptiness: 'filled' });
    return sql`(CASE WHEN ${flag} = 1 THEN ${empty} ELSE ${filled} END)`;
  }

  /**
   * Values of unknown type. Two bound values compare as SQLite compares them (NULL → no match,
   * numbers numerically, text as text, any number below any text); anything else (JSON reads)
   * numerically when both sides are numbers, else as text.
   */
  private mixed(l: SqlValue, operator: string, r: SqlValue): Fragment {
    const op = sql.raw(operator);
    const ln = asNumber(l);
    const rn = asNumber(r);
    const lt = typeTag(l);
    const rt = typeTag(r);
    if (lt && rt) {
      return sql`(CASE WHEN ${lt} = 0 OR ${rt} = 0 THEN NULL WHEN ${lt} = 1 AND ${rt} = 1 THEN ${ln} ${op} ${rn}
        WHEN ${lt} = 2 AND ${rt} = 2 THEN ${asText(l)} ${op} ${asText(r)} ELSE ${lt} ${op} ${rt} END)`;
    }
    return sql`(CASE WHEN ${ln} IS NOT NULL AND ${rn} IS NOT NULL THEN ${ln} ${op} ${rn} ELSE ${asText(l)} ${op} ${asText(r)} END)`;
  }

  /** `~`: LIKE that ignores ASCII case only, as SQLite's LIKE does (ILIKE would fold every letter). */
  private contains(l: SqlValue, r: SqlValue, op: 'LIKE' | 'NOT LIKE'): Fragment {
    const left = asciiLower(asText(l).sql);
    if (r.literal && r.binds.length > 0) {
      const binds = r.binds.map((b) => (env: never) => likePattern(b(env)));
      const pattern = asciiLower(`(${r.sql})::text`);
      return fragment(`${left} ${op} ${pattern}${this.likeEscape()}`, [...l.binds, ...binds]);
    }
    const pattern = asciiLower(sql`('%' || ${asText(r)} || '%')`.sql);
    return fragment(`${left} ${op} ${pattern}${this.likeEscape()}`, [...l.binds, ...r.binds]);
  }

  /** Every argument as double precision: JSON reads come back as text here. */
  override geoDistance(lonA: Fragment, latA: Fragment, lonB: Fragment, latB: Fragment): Fragment {
    return super.geoDistance(asNumber(lonA), asNumber(latA), asNumber(lonB), asNumber(latB));
  }

  searchClause(spec: SearchSpec, words: SearchWords, alias: string): SearchClause {
    return postgresSearchClause(spec, words, alias);
  }

  rowid(alias: string): string {
    return `${this.quote(alias)}.${this.quote(ROWID_COLUMN)}`;
  }

  /** PostgreSQL sorts NULL last ascending; SQLite sorts it first. */
  override orderTerm(term: string, desc: boolean, nullable = true): string {
    if (!nullable) return `${term} ${desc ? 'DESC' : 'ASC'}`;
    return `${term} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  }

  override lower(expr: string): string {
    return asciiLower(expr);
  }

  /**
   * The value at `path` as text, like SQLite's json_extract: strings unquoted, numbers as their
   * JSON text, booleans as 1/0, objects and arrays as JSON; the whole value keeps its stored text.
   */
  jsonExtract(column: string, path: readonly (string | number)[]): string {
    const text = `(${column})::text`;
    const scalar = (v: string, textOf: string) =>
      `(CASE ${v} WHEN 'true' THEN '1' WHEN 'false' THEN '0' ELSE ${textOf} END)`;
    const whole = `(${toJsonb(text)})`;
    if (path.length === 0)
      return `(CASE WHEN ${text} IS JSON SCALAR THEN ${scalar(whole, `${whole} #>> '{}'`)} ELSE ${text} END)`;
    const keys = path.map((segment) => {
      if (typeof segment === 'number') return String(Math.trunc(segment));
      if (JSON_KEY.test(segment)) return segment;
      throw new FilterCompileError(`invalid JSON path segment "${segment}"`);
    });
    const at = `'{${keys.join(',')}}'`;
    return `(CASE WHEN ${text} IS JSON THEN ${scalar(`${whole} #> ${at}`, `${whole} #>> ${at}`)} END)`;
  }

  jsonEach(column: string): string {
    const text = `(${column})::text`;
    return `jsonb_array_elements_text(CASE WHEN ${text} IS JSON ARRAY THEN ${toJsonb(text)} ELSE jsonb_build_array(${column}) END)`;
  }

  jsonEachArray(array: Fragment): Fragment {
    const text = sql`(${array})::text`;
    const jsonb = sql`replace(${text}, '\\u0000', '\\ufffd')::jsonb`;
    return sql`jsonb_array_elements_text(CASE WHEN ${text} IS JSON ARRAY THEN ${jsonb} ELSE '[]'::jsonb END)`;
  }

  jsonEachValue(alias: string): string {
    return `${this.quote(alias)}."value"`;
  }

  jsonArrayLength(column: string): string {
    const text = `(${column})::text`;
    return (
      `jsonb_array_length(CASE WHEN ${text} IS JSON ARRAY THEN ${toJsonb(text)} ` +
      `WHEN ${column} IS NULL OR ${text} = '' THEN '[]'::jsonb ELSE jsonb_build_array(${column}) END)`
    );
  }

  strftime(format: Fragment, args: readonly Fragment[]): Fragment {
    return strftime(format, args);
  }
}

export const postgresCompiler = new PostgresCompiler();
