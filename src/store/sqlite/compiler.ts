import { FilterCompileError, type Fragment, SqlCompiler, sql } from '../compiler.js';
import type { SearchClause, SearchSpec, SearchWords } from '../search.js';
import { sqliteDialect } from './dialect.js';
import { sqliteSearchClause } from './search.js';

const JSON_KEY = /^[A-Za-z0-9_]+$/;

/** The filter compiler for SQLite (JSON1 and the math functions built into better-sqlite3). */
export class SqliteCompiler extends SqlCompiler {
  constructor() {
    super(sqliteDialect);
  }

  override boolLiteral(value: boolean): string {
    return value ? '1' : '0';
  }

  override nullSafe(equal: boolean): string {
    return equal ? 'IS' : 'IS NOT';
  }

  override least(a: Fragment, b: Fragment): Fragment {
    return sql`MIN(${a}, ${b})`;
  }

  override param(value: unknown): unknown {
    if (typeof value === 'boolean') return value ? 1 : 0;
    return super.param(value);
  }

  searchClause(spec: SearchSpec, words: SearchWords, alias: string): SearchClause {
    return sqliteSearchClause(spec, words, alias);
  }

  rowid(alias: string): string {
    return `${this.quote(alias)}.rowid`;
  }

  jsonExtract(column: string, path: readonly (string | number)[]): string {
    let text = '$';
    for (const segment of path) {
      if (typeof segment === 'number') text += `[${Math.trunc(segment)}]`;
      else if (JSON_KEY.test(segment)) text += `."${segment}"`;
      else throw new FilterCompileError(`invalid JSON path segment "${segment}"`);
    }
    const fallback = path.length === 0 ? column : 'NULL';
    return `(CASE WHEN json_valid(${column}) THEN json_extract(${column}, '${text}') ELSE ${fallback} END)`;
  }

  jsonEach(column: string): string {
    return `json_each(CASE WHEN ${this.isArray(column)} THEN ${column} ELSE json_array(${column}) END)`;
  }

  jsonEachArray(array: Fragment): Fragment {
    return sql`json_each(${array})`;
  }

  jsonEachValue(alias: string): string {
    return `${this.quote(alias)}.value`;
  }

  jsonArrayLength(column: string): string {
    return `json_array_length(CASE WHEN ${this.isArray(column)} THEN ${column} WHEN ${column} IS NULL OR ${column} = '' THEN '[]' ELSE json_array(${column}) END)`;
  }

  strftime(format: Fragment, args: readonly Fragment[]): Fragment {
    const rest = sql.join(
      args.map((a) => sql`, ${a}`),
      '',
    );
    return sql`COALESCE(strftime(${format}${rest}), '')`;
  }

  /** json_type only runs on valid JSON (it raises on malformed text). */
  private isArray(column: string): string {
    return `(CASE WHEN json_valid(${column}) THEN json_type(${column}) END) = 'array'`;
  }
}

export const sqliteCompiler = new SqliteCompiler();
