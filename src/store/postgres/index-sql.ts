import { splitParenthesized } from '../../lib/split-top-level.js';
import { asciiLower } from './dialect.js';

/** Backtick and [bracket] identifiers → "double quotes"; string literals are left alone. */
export function requote(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charAt(i);
    const close = ch === '`' ? '`' : ch === '[' ? ']' : ch === "'" || ch === '"' ? ch : '';
    if (!close) {
      out += ch;
      continue;
    }
    let end = sql.indexOf(close, i + 1);
    if (end < 0) end = sql.length;
    const body = sql.slice(i + 1, end);
    out += ch === "'" || ch === '"' ? `${ch}${body}${close}` : `"${body.replaceAll('"', '""')}"`;
    i = end;
  }
  return out;
}

/** One index element: `COLLATE NOCASE` becomes an ASCII-folding expression, BINARY is the columns' own collation. */
function indexElement(part: string): string {
  const m = /^([\s\S]+?)\s+collate\s+"?(\w+)"?(\s+(?:asc|desc))?$/i.exec(part);
  if (!m) return part;
  const [, expr = '', collation = '', sort = ''] = m;
  switch (collation.toLowerCase()) {
    case 'nocase':
      return `(${asciiLower(expr)})${sort}`;
    case 'binary':
      return `${expr}${sort}`;
    case 'rtrim':
      return `(rtrim(${expr}))${sort}`;
    default:
      return part;
  }
}

/**
 * SQLite matches column names in any case, PostgreSQL folds bare names to lower case and keeps
 * quoted ones exact: every name that is a column of the table is written quoted, in its real case.
 */
function exactColumns(sql: string, columns: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql.charAt(i);
    if (ch === "'" || ch === '"') {
      let end = sql.indexOf(ch, i + 1);
      if (end < 0) end = sql.length;
      const body = sql.slice(i + 1, end);
      const exact = ch === '"' ? columns.get(body.toLowerCase()) : undefined;
      out += exact !== undefined ? `"${exact.replaceAll('"', '""')}"` : `${ch}${body}${ch}`;
      i = end;
      continue;
    }
    const word = /^[A-Za-z_][\w$]*/.exec(sql.slice(i, i + 256))?.[0];
    if (!word || (i > 0 && /[\w$]/.test(sql.charAt(i - 1)))) {
      out += ch;
      continue;
    }
    const exact = columns.get(word.toLowerCase());
    out += exact !== undefined && sql.charAt(i + word.length) !== '(' ? `"${exact.replaceAll('"', '""')}"` : word;
    i += word.length - 1;
  }
  return out;
}

/** The table a CREATE INDEX statement (already requoted) is on, and where its column list starts. */
export function indexTarget(text: string): { table: string; start: number } | null {
  const on = /\bon\s+("(?:[^"]|"")+"|[\w$]+)\s*\(/i.exec(text);
  if (!on) return null;
  const raw = on[1] as string;
  const table = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw;
  return { table, start: on.index + on[0].length };
}

/** The table's real name and its columns by lower-case name, as PostgreSQL has them. */
export interface TableNames {
  table: string;
  columns: ReadonlyMap<string, string>;
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A CREATE INDEX statement in SQLite's dialect (as the API stores it) → PostgreSQL. */
export function indexForPostgres(sql: string, names?: TableNames): string {
  const requoted = requote(sql).replace(
    /^(\s*create\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?)([A-Za-z_][\w$]*)(?=\s+on\s)/i,
    (_m, head: string, name: string) => `${head}${quoteName(name)}`,
  );
  const target = indexTarget(requoted);
  if (!target) return requoted;
  const head = requoted
    .slice(0, target.start)
    .replace(/\bon\s+("(?:[^"]|"")+"|[\w$]+)\s*\($/i, () => `ON ${quoteName(names?.table ?? target.table)} (`);
  const columns = names?.columns ?? new Map<string, string>();
  const text = head + exactColumns(requoted.slice(target.start), columns);
  const list = splitParenthesized(text, head.length);
  if (!list) return text;
  return `${head}${list.parts.map(indexElement).join(', ')})${text.slice(list.end)}`;
}
