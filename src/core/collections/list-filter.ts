import { type Expr, type Operand, parseFilter, parseSortList, splitOp } from '../../rules/index.js';
import type { Dialect, Params } from '../../store/dialect.js';
import { Errors } from '../errors.js';

/** The `_collections` columns a collections list may filter and sort by (§3.5). */
export const LIST_FIELDS = new Set(['id', 'created', 'updated', 'name', 'system', 'type']);

interface Sql {
  sql: string;
  /** a literal that counts as empty (`''` or null) */
  empty: boolean;
  column: boolean;
}

function operand(o: Operand, dialect: Dialect, params: Params): Sql {
  switch (o.kind) {
    case 'ident':
      if (o.modifier !== null || o.path.length !== 1 || !LIST_FIELDS.has(o.name)) throw Errors.badRequest();
      return { sql: dialect.quote(o.name), empty: false, column: true };
    case 'text':
      return { sql: params.add(o.value), empty: o.value === '', column: false };
    case 'number':
      return { sql: params.add(o.value), empty: false, column: false };
    case 'bool':
      return { sql: params.add(o.value ? 1 : 0), empty: false, column: false };
    case 'null':
      return { sql: 'NULL', empty: true, column: false };
    default:
      throw Errors.badRequest();
  }
}

function likePattern(o: Operand, params: Params): string {
  if (o.kind !== 'text' && o.kind !== 'number') throw Errors.badRequest();
  const raw = String(o.value);
  const hasWildcard = /(^|[^\\])%/.test(raw);
  return params.add(hasWildcard ? raw : `%${raw.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
}

function comparison(expr: Extract<Expr, { kind: 'cmp' }>, dialect: Dialect, params: Params): string {
  const { base } = splitOp(expr.op);
  const left = operand(expr.left, dialect, params);
  if (base === '~' || base === '!~') {
    const not = base === '!~' ? 'NOT ' : '';
    const right =
      expr.right.kind === 'ident'
        ? `('%' || ${operand(expr.right, dialect, params).sql} || '%')`
        : likePattern(expr.right, params);
    return `${left.sql} ${not}LIKE ${right} ESCAPE '\\'`;
  }
  const right = operand(expr.right, dialect, params);
  const emptyCheck = (side: Sql, negate: boolean) =>
    negate ? `(${side.sql} IS NOT '' AND ${side.sql} IS NOT NULL)` : `(${side.sql} = '' OR ${side.sql} IS NULL)`;
  if (base === '=' || base === '!=') {
    const negate = base === '!=';
    if (right.empty && left.column) return emptyCheck(left, negate);
    if (left.empty && right.column) return emptyCheck(right, negate);
    return negate ? `${left.sql} IS NOT ${right.sql}` : `${left.sql} = ${right.sql}`;
  }
  return `${left.sql} ${base} ${right.sql}`;
}

function compile(expr: Expr, dialect: Dialect, params: Params): string {
  if (expr.kind === 'cmp') return comparison(expr, dialect, params);
  const join = expr.kind === 'and' ? 'AND' : 'OR';
  return `(${compile(expr.left, dialect, params)} ${join} ${compile(expr.right, dialect, params)})`;
}

/** A collections-list `filter` as a WHERE condition over `_collections`; '' for an empty filter. */
export function compileListFilter(filter: string, dialect: Dialect, params: Params): string {
  if (filter === '') return '';
  let expr: Expr;
  try {
    expr = parseFilter(filter);
  } catch {
    throw Errors.badRequest();
  }
  return compile(expr, dialect, params);
}

/** A collections-list `sort` as an ORDER BY list; '' for none. */
export function compileListSort(sort: string, dialect: Dialect): string {
  if (sort.trim() === '') return '';
  let items: ReturnType<typeof parseSortList>;
  try {
    items = parseSortList(sort);
  } catch {
    throw Errors.badRequest();
  }
  return items
    .map((item) => {
      if (item.field === '@random') return 'RANDOM()';
      const dir = item.desc ? 'DESC' : 'ASC';
      if (item.field === '@rowid') return `${dialect.quote('created')} ${dir}, ${dialect.quote('id')} ${dir}`;
      if (!LIST_FIELDS.has(item.field)) throw Errors.badRequest();
      return `${dialect.quote(item.field)} ${dir}`;
    })
    .join(', ');
}
