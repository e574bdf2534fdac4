import type { UniqueViolation } from '../../store/store.js';
import type { Collection } from '../collection.js';

/**
 * CREATE [UNIQUE] INDEX statements as structured values: parsing (backticks, double quotes,
 * brackets or bare identifiers), rebuilding, and the questions the rest of the core asks of them.
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

/** Splits the parenthesised column list starting right after `(`; returns the parts and the end. */
function splitColumns(sql: string, start: number): { parts: string[]; end: number } | null {
  const parts: string[] = [];
  let depth = 0;
  let from = start;
  let quote = '';
  for (let i = start; i < sql.length; i++) {
    const ch = sql.charAt(i);
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if ((ch === ',' || ch === ')') && depth === 0) {
      parts.push(sql.slice(from, i).trim());
      from = i + 1;
      if (ch === ')') return { parts, end: i + 1 };
    }
  }
  return null;
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

/** Parses a CREATE INDEX statement; null when it is not one. */
export function parseIndex(sql: string): IndexDef | null {
  if (typeof sql !== 'string') return null;
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
  pos = readKeywords(sql, name.end, ['on']);
  if (pos === null) return null;
  const table = readIdentifier(sql, skipSpace(sql, pos));
  if (!table) return null;
  pos = skipSpace(sql, table.end);
  if (sql.charAt(pos) !== '(') return null;
  const split = splitColumns(sql, pos + 1);
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
  return {
    unique: unique !== null,
    ifNotExists: ine !== null,
    schema,
    name: name.value,
    table: table.value,
    columns,
    where,
  };
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

/** Index name of a statement, or '' when it does not parse. */
export function indexName(sql: string): string {
  return parseIndex(sql)?.name ?? '';
}

/** The first UNIQUE index over exactly `column` (compared case-insensitively); partial indexes count. */
export function findSingleColumnUniqueIndex(indexes: readonly string[], column: string): IndexDef | undefined {
  const wanted = column.toLowerCase();
  for (const sql of indexes) {
    const def = parseIndex(sql);
    if (def?.unique && def.columns.length === 1 && def.columns[0]?.name.toLowerCase() === wanted) return def;
  }
  return undefined;
}

/** True when the collection has a single-column UNIQUE index on `fieldName`. */
export function hasSingleColumnUniqueIndex(collection: Collection, fieldName: string): boolean {
  return findSingleColumnUniqueIndex(collection.indexes, fieldName) !== undefined;
}

/** True when that single-column UNIQUE index compares with COLLATE NOCASE (case-insensitive lookups). */
export function isNocaseUnique(collection: Collection, fieldName: string): boolean {
  const def = findSingleColumnUniqueIndex(collection.indexes, fieldName);
  return (def?.columns[0]?.collate ?? '').toLowerCase() === 'nocase';
}

/**
 * Field names behind a unique violation: the columns the adapter reported, or the columns of the
 * named index (`index:<name>`), mapped to the collection's field names.
 */
export function uniqueViolationFields(collection: Collection, violation: UniqueViolation): string[] {
  const columns: string[] = [];
  for (const col of violation.columns) {
    if (col.startsWith('index:')) {
      const wanted = col.slice('index:'.length).toLowerCase();
      for (const sql of collection.indexes) {
        const def = parseIndex(sql);
        if (def && def.name.toLowerCase() === wanted) columns.push(...def.columns.map((c) => c.name));
      }
    } else {
      columns.push(col);
    }
  }
  const out: string[] = [];
  for (const col of columns) {
    const field = collection.fields.find((f) => f.name.toLowerCase() === col.toLowerCase());
    if (field && !out.includes(field.name)) out.push(field.name);
  }
  return out;
}
