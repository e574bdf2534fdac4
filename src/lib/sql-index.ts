import { SQL_QUOTES, splitParenthesized } from './split-top-level.js';

/**
 * CREATE [UNIQUE] INDEX statements as structured values: parsing (backticks, double quotes,
 * brackets or bare identifiers) and rebuilding.
 */
export interface IndexColumn {
  /** identifier without quotes, or the raw text of an expression */
  name: string;
  collate: string;
  /** '', 'ASC' or 'DESC' */
  sort: string;
}

export interface IndexDef {
  unique: boolean;
  ifNotExists: boolean;
  schema: string;
  name: string;
  table: string;
  columns: IndexColumn[];
  where: string;
}

const QUOTES: Record<string, string> = { '`': '`', '"': '"', '[': ']' };

/** Reads one identifier (quoted or bare) at `pos`; returns it and the position after it. */
function readIdentifier(sql: string, pos: number): { value: string; end: number } | null {
  const open = sql.charAt(pos);
  const close = QUOTES[open];
  if (close) {
    const end = sql.indexOf(close, pos + 1);
    if (end < 0 || end === pos + 1) return null;
    return { value: sql.slice(pos + 1, end), end: end + 1 };
  }
  const m = /^[\w$]+/.exec(sql.slice(pos));
  return m ? { value: m[0], end: pos + m[0].length } : null;
}

function skipSpace(sql: string, pos: number): number {
  while (pos < sql.length && /\s/.test(sql.charAt(pos))) pos++;
  return pos;
}

/** Matches a keyword sequence (case-insensitive, whitespace-separated) at `pos`. */
function readKeywords(sql: string, pos: number, words: string[]): number | null {
  let at = pos;
  for (const w of words) {
    at = skipSpace(sql, at);
    const slice = sql.slice(at, at + w.length);
    if (slice.toLowerCase() !== w || /\w/.test(sql.charAt(at + w.length))) return null;
    at += w.length;
  }
  return at;
}

function unquote(text: string): string {
  const close = QUOTES[text.charAt(0)];
  if (close && text.length > 2 && text.endsWith(close) && !text.slice(1, -1).includes(close)) return text.slice(1, -1);
  return text;
}

function parseColumn(part: string): IndexColumn | null {
  let rest = part.trim();
  let sort = '';
  const sortMatch = /\s+(asc|desc)$/i.exec(rest);
  if (sortMatch) {
    sort = (sortMatch[1] as string).toUpperCase();
    rest = rest.slice(0, sortMatch.index).trim();
  }
  let collate = '';
  const collateMatch = /\s+collate\s+("?)(\w+)\1$/i.exec(rest);
  if (collateMatch) {
    collate = collateMatch[2] as string;
    rest = rest.slice(0, collateMatch.index).trim();
  }
  if (rest === '') return null;
  return { name: unquote(rest), collate, sort };
}

interface IndexHead {
  unique: boolean;
  ifNotExists: boolean;
  schema: string;
  name: string;
  /** the position just after the name */
  end: number;
}

/** Reads `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name`; null when the text does not start so. */
function readHead(sql: string): IndexHead | null {
  let pos = readKeywords(sql, 0, ['create']);
  if (pos === null) return null;
  const unique = readKeywords(sql, pos, ['unique']);
  if (unique !== null) pos = unique;
  pos = readKeywords(sql, pos, ['index']);
  if (pos === null) return null;
  const ine = readKeywords(sql, pos, ['if', 'not', 'exists']);
  if (ine !== null) pos = ine;
  let name = readIdentifier(sql, skipSpace(sql, pos));
  if (!name) return null;
  let schema = '';
  if (sql.charAt(name.end) === '.') {
    schema = name.value;
    name = readIdentifier(sql, name.end + 1);
    if (!name) return null;
  }
  return { unique: unique !== null, ifNotExists: ine !== null, schema, name: name.value, end: name.end };
}

/** Parses a CREATE INDEX statement; null when it is not one. */
export function parseIndex(sql: string): IndexDef | null {
  if (typeof sql !== 'string') return null;
  const head = readHead(sql);
  if (!head) return null;
  let pos = readKeywords(sql, head.end, ['on']);
  if (pos === null) return null;
  const table = readIdentifier(sql, skipSpace(sql, pos));
  if (!table) return null;
  pos = skipSpace(sql, table.end);
  if (sql.charAt(pos) !== '(') return null;
  const split = splitParenthesized(sql, pos + 1, SQL_QUOTES);
  if (!split) return null;
  const columns: IndexColumn[] = [];
  for (const part of split.parts) {
    const col = parseColumn(part);
    if (!col) return null;
    columns.push(col);
  }
  let where = '';
  const tail = sql.slice(split.end).trim().replace(/;+$/, '').trim();
  if (/;/.test(tail.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]/g, ''))) return null;
  if (tail !== '') {
    const w = /^where\s+([\s\S]+)$/i.exec(tail);
    if (!w) return null;
    where = (w[1] as string).trim();
  }
  const { unique, ifNotExists, schema, name } = head;
  return { unique, ifNotExists, schema, name, table: table.value, columns, where };
}

/**
 * The index name of a statement, read from its head alone (so a statement whose column list is
 * broken still names its index); '' when the text does not start as a CREATE INDEX statement.
 */
export function indexName(sql: string): string {
  return readHead(sql)?.name ?? '';
}

const tick = (id: string) => `\`${id}\``;

/** Builds the statement back, identifiers in backticks; expressions are kept as written. */
export function buildIndex(def: IndexDef): string {
  const cols = def.columns.map((c) => {
    const plain = /^[\w$]+$/.test(c.name);
    let out = plain ? tick(c.name) : c.name;
    if (c.collate) out += ` COLLATE ${c.collate}`;
    if (c.sort) out += ` ${c.sort}`;
    return out;
  });
  const schema = def.schema ? `${tick(def.schema)}.` : '';
  let sql = `CREATE ${def.unique ? 'UNIQUE ' : ''}INDEX ${def.ifNotExists ? 'IF NOT EXISTS ' : ''}`;
  sql += `${schema}${tick(def.name)} ON ${tick(def.table)} (${cols.join(', ')})`;
  if (def.where) sql += ` WHERE ${def.where}`;
  return sql;
}

/** The same definition without the parts that do not change what is indexed (for duplicate checks). */
export function indexSignature(def: IndexDef): string {
  return buildIndex({ ...def, schema: '', name: '_', table: '_', ifNotExists: false }).toLowerCase();
}

/** The statement with its table replaced by `table`; unchanged text when it already targets it. */
export function withIndexTable(sql: string, table: string): string {
  const def = parseIndex(sql);
  if (!def || def.table === table) return sql;
  return buildIndex({ ...def, table });
}
