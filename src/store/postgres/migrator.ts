import type { StorageKind } from '../dialect.js';
import { SqlMigrator, trimQuery } from '../migrator.js';
import type { ColumnSpec, TableSpec, ViewColumnInfo } from '../schema-spec.js';
import type { Queryable } from '../store.js';
import { asciiLower, toJsonb } from './dialect.js';
import { indexForPostgres, indexTarget, requote, type TableNames } from './index-sql.js';
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

/** Views reading `table`, directly or through other views, in an order they can be created in. */
const DEPENDENT_VIEWS = `
WITH RECURSIVE deps(oid, depth) AS (
  SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
  WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = to_regclass(?) AND r.ev_class <> d.refobjid
  UNION
  SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_depend d ON d.refobjid = deps.oid JOIN pg_rewrite r ON r.oid = d.objid
  WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> d.refobjid
)
SELECT c.relname AS name, pg_get_viewdef(c.oid) AS def, max(deps.depth) AS depth
FROM deps JOIN pg_class c ON c.oid = deps.oid WHERE c.relkind = 'v'
GROUP BY c.oid, c.relname ORDER BY 3, 1`;

/** PostgreSQL: catalog queries for introspection, explicit casts, and SQLite index syntax translated. */
export class PostgresMigrator extends SqlMigrator {
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
    return `CASE WHEN ${column} IS JSON ARRAY THEN COALESCE(${toJsonb(column)} ->> -1, '') ELSE COALESCE(${column}, '') END`;
  }

  /**
   * PostgreSQL refuses to drop or retype a column a view reads (SQLite resolves views lazily):
   * renames run first, with the views in place so PostgreSQL rewrites them; then the views are
   * set aside while columns are dropped, converted and added, and created again from their
   * definitions. A view that no longer fits stays dropped until its query is saved again.
   */
  override async updateTable(tx: Queryable, old: TableSpec, next: TableSpec): Promise<void> {
    const q = tx.dialect.quote;
    const current: TableSpec = { ...old, name: next.name, columns: old.columns.map((c) => ({ ...c })) };
    if (old.name !== next.name) await tx.exec(`ALTER TABLE ${q(old.name)} RENAME TO ${q(next.name)}`);
    const nextById = new Map(next.columns.map((c) => [c.id, c]));
    const renamed = current.columns.filter((c) => nextById.has(c.id) && nextById.get(c.id)?.name !== c.name);
    const table = q(next.name);
    for (const c of renamed) await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${q(c.name)} TO ${q(`_tmp_${c.id}`)}`);
    for (const c of renamed) {
      c.name = (nextById.get(c.id) as ColumnSpec).name;
      await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${q(`_tmp_${c.id}`)} TO ${q(c.name)}`);
    }
    const views = await tx.all<{ name: string; def: string }>(DEPENDENT_VIEWS, [q(next.name)]);
    for (const v of [...views].reverse()) await tx.exec(`DROP VIEW IF EXISTS ${q(v.name)}`);
    await super.updateTable(tx, current, next);
    for (const v of views) {
      await tx.transaction((sp) => sp.exec(`CREATE VIEW ${q(v.name)} AS ${v.def}`)).catch(() => undefined);
    }
  }

  /** Tables also get the hidden insertion-order column `@rowid` sorts by. */
  override async createTable(tx: Queryable, spec: TableSpec): Promise<void> {
    await super.createTable(tx, spec);
    const q = tx.dialect.quote;
    await tx.exec(`ALTER TABLE ${q(spec.name)} ADD COLUMN ${q(ROWID_COLUMN)} BIGINT GENERATED BY DEFAULT AS IDENTITY`);
  }

  protected override async changeColumn(
    tx: Queryable,
    tableName: string,
    from: ColumnSpec,
    to: ColumnSpec,
  ): Promise<void> {
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
    const known = new Map<string, TableNames>();
    const translated: string[] = [];
    for (const sql of indexes) {
      const wanted = indexTarget(requote(sql))?.table ?? '';
      let names = known.get(wanted.toLowerCase());
      if (!names) {
        names = await this.tableNames(tx, wanted);
        known.set(wanted.toLowerCase(), names);
      }
      translated.push(indexForPostgres(sql, names));
    }
    await super.createIndexes(tx, translated);
  }

  /** Real table and column names for a name written in any case (SQLite ignores case there). */
  private async tableNames(tx: Queryable, name: string): Promise<TableNames> {
    const rows = await tx.all<{ tbl: string; col: string }>(
      `SELECT c.relname AS tbl, a.attname AS col FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm') AND ${asciiLower('c.relname::text')} = ${asciiLower('?')}
       ORDER BY c.relname = ? DESC`,
      [name, name],
    );
    const table = rows[0]?.tbl ?? name;
    const columns = new Map(
      rows.filter((r) => r.tbl === table).map((r) => [String(r.col).toLowerCase(), String(r.col)]),
    );
    return { table, columns };
  }
}

export const postgresMigrator = new PostgresMigrator();
