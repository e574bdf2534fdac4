import type { StorageKind } from '../../core/fields/field-type.js';
import { type ColumnSpec, Migrator, registerMigrator, type TableSpec, trimQuery, type ViewColumnInfo } from '../migrator.js';
import type { Queryable } from '../store.js';
import { asciiLower } from './dialect.js';
import { ROWID_COLUMN } from './schema.js';

const PROBE_VIEW = '_basalt_view_probe';
const NUMBER_TEXT = String.raw`^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$`;

/** SQL turning `expr` of storage kind `from` into a value of kind `to` (PostgreSQL does not convert implicitly). */
function convert(expr: string, from: StorageKind, to: StorageKind): string {
  if (from === to) return expr;
  const text = `COALESCE((${expr})::text, '')`;
  switch (to) {
    case 'text':
      return from === 'bool' ? `CASE WHEN ${expr} THEN '1' ELSE '0' END` : text;
    case 'number':
      if (from === 'bool') return `CASE WHEN ${expr} THEN 1 ELSE 0 END`;
      return `CASE WHEN ${text} ~ '${NUMBER_TEXT}' THEN (${text})::double precision ELSE 0 END`;
    case 'bool':
      if (from === 'number') return `COALESCE(${expr} <> 0, FALSE)`;
      return `(lower(trim(${text})) IN ('1', 'true', 't'))`;
    case 'json':
      return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ${text} IS JSON THEN ${text} ELSE to_json(${expr})::text END`;
  }
}

/** Splits a parenthesised list at top-level commas; `start` is just after `(`. */
function splitList(sql: string, start: number): { parts: string[]; end: number } | null {
  const parts: string[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < sql.length; i++) {
    const ch = sql.charAt(i);
    if (ch === "'" || ch === '"') {
      i = sql.indexOf(ch, i + 1);
      if (i < 0) return null;
    } else if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if ((ch === ',' || ch === ')') && depth === 0) {
      parts.push(sql.slice(from, i).trim());
      from = i + 1;
      if (ch === ')') return { parts, end: i + 1 };
    }
  }
  return null;
}

/** Backtick and [bracket] identifiers → "double quotes"; string literals are left alone. */
function requote(sql: string): string {
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

/** A CREATE INDEX statement in SQLite's dialect (as the API stores it) → PostgreSQL. */
export function indexForPostgres(sql: string): string {
  const text = requote(sql);
  const on = /\bon\s+("(?:[^"]|"")+"|[\w$]+)\s*\(/i.exec(text);
  if (!on) return text;
  const start = on.index + on[0].length;
  const list = splitList(text, start);
  if (!list) return text;
  return `${text.slice(0, start)}${list.parts.map(indexElement).join(', ')})${text.slice(list.end)}`;
}

/** PostgreSQL: catalog queries for introspection, explicit casts, and SQLite index syntax translated. */
export class PostgresMigrator extends Migrator {
  async viewColumns(tx: Queryable, query: string): Promise<ViewColumnInfo[]> {
    const q = tx.dialect.quote;
    await tx.exec(`DROP VIEW IF EXISTS pg_temp.${q(PROBE_VIEW)}`);
    try {
      await tx.exec(`CREATE TEMP VIEW ${q(PROBE_VIEW)} AS SELECT * FROM (${trimQuery(query)}) AS ${q('__q')}`);
      const rows = await tx.all<{ name: string; type: string }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
         WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [`pg_temp.${q(PROBE_VIEW)}`],
      );
      return rows.map((r) => ({ name: String(r.name), type: String(r.type ?? '') }));
    } finally {
      await tx.exec(`DROP VIEW IF EXISTS pg_temp.${q(PROBE_VIEW)}`);
    }
  }

  async tableExists(tx: Queryable, name: string): Promise<boolean> {
    const row = await tx.get(
      `SELECT 1 AS found FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${asciiLower('c.relname::text')} = ${asciiLower('?')}
       LIMIT 1`,
      [name],
    );
    return row !== undefined;
  }

  async indexTable(tx: Queryable, indexName: string): Promise<string | null> {
    const row = await tx.get<{ tbl: string }>(
      `SELECT t.relname AS tbl FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = ic.relnamespace
       WHERE n.nspname = current_schema() AND ${asciiLower('ic.relname::text')} = ${asciiLower('?')} LIMIT 1`,
      [indexName],
    );
    return row ? String(row.tbl) : null;
  }

  protected singleToMultiple(column: string): string {
    return `CASE WHEN ${column} IS NULL OR ${column} = '' THEN '[]' ELSE json_build_array(${column})::text END`;
  }

  protected multipleToSingle(column: string): string {
    return `CASE WHEN ${column} IS JSON ARRAY THEN COALESCE((${column})::jsonb ->> -1, '') ELSE COALESCE(${column}, '') END`;
  }

  /** Tables also get the hidden insertion-order column `@rowid` sorts by. */
  override async createTable(tx: Queryable, spec: TableSpec): Promise<void> {
    await super.createTable(tx, spec);
    const q = tx.dialect.quote;
    await tx.exec(`ALTER TABLE ${q(spec.name)} ADD COLUMN ${q(ROWID_COLUMN)} BIGINT GENERATED BY DEFAULT AS IDENTITY`);
  }

  protected override async changeColumn(tx: Queryable, tableName: string, from: ColumnSpec, to: ColumnSpec): Promise<void> {
    const q = tx.dialect.quote;
    const table = q(tableName);
    const temp = q(`_new_${to.id}`);
    const current = q(to.name);
    await tx.exec(`ALTER TABLE ${table} ADD COLUMN ${temp} ${tx.dialect.columnDefinition(to.kind, false, to.zero)}`);
    let value = convert(current, from.kind, to.kind);
    if (!from.multiple && to.multiple) value = this.singleToMultiple(current);
    else if (from.multiple && !to.multiple) value = this.multipleToSingle(current);
    if (to.kind !== 'json' || to.zero != null) value = `COALESCE(${value}, ${temp})`;
    await tx.run(`UPDATE ${table} SET ${temp} = ${value}`);
    await tx.exec(`ALTER TABLE ${table} DROP COLUMN ${current}`);
    await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${temp} TO ${current}`);
  }

  protected override async createIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    await super.createIndexes(tx, indexes.map(indexForPostgres));
  }
}

export const postgresMigrator = new PostgresMigrator();

registerMigrator('postgres', postgresMigrator);
