import type { StorageKind } from '../dialect.js';
import { SqlMigrator, trimQuery } from '../migrator.js';
import type { ColumnSpec, TableSpec, ViewColumnInfo } from '../schema-spec.js';
import type { SearchSpec } from '../search.js';
import { type Fragment, fragment, sql } from '../sql.js';
import type { Queryable } from '../store.js';
import { asciiLower, toJsonb } from './dialect.js';
import { indexForPostgres, indexTarget, requote, type TableNames } from './index-sql.js';
import { ROWID_COLUMN } from './schema.js';
import { createPostgresSearch, dropPostgresSearch } from './search.js';

const PROBE_VIEW = '_basalt_view_probe';
const NUMBER_TEXT = sql.raw(String.raw`'^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$'`);

/** SQL turning `expr` of storage kind `from` into a value of kind `to` (PostgreSQL does not convert implicitly). */
function convert(expr: Fragment, from: StorageKind, to: StorageKind): Fragment {
  if (from === to) return expr;
  const text = sql`COALESCE((${expr})::text, '')`;
  switch (to) {
    case 'text':
      return from === 'bool' ? sql`CASE WHEN ${expr} THEN '1' ELSE '0' END` : text;
    case 'number':
      if (from === 'bool') return sql`CASE WHEN ${expr} THEN 1 ELSE 0 END`;
      return sql`CASE WHEN ${text} ~ ${NUMBER_TEXT} THEN (${text})::double precision ELSE 0 END`;
    case 'bool':
      if (from === 'number') return sql`COALESCE(${expr} <> 0, FALSE)`;
      return sql`(lower(trim(${text})) IN ('1', 'true', 't'))`;
    case 'json':
      return sql`CASE WHEN ${expr} IS NULL THEN NULL WHEN ${text} IS JSON THEN ${text} ELSE to_json(${expr})::text END`;
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

/** A catalog row's name, ASCII-folded (names match in any case, as in SQLite). */
const RELNAME = asciiLower(sql.raw('c.relname::text'));

/** PostgreSQL: catalog queries for introspection, explicit casts, and SQLite index syntax translated. */
export class PostgresMigrator extends SqlMigrator {
  async viewColumns(tx: Queryable, query: string): Promise<ViewColumnInfo[]> {
    const probe = sql`pg_temp.${sql.id(PROBE_VIEW)}`;
    await tx.exec(sql`DROP VIEW IF EXISTS ${probe}`);
    try {
      // a superuser's view query, run as written: probing its columns is what this is for
      const body = sql.raw(trimQuery(query));
      await tx.exec(sql`CREATE TEMP VIEW ${sql.id(PROBE_VIEW)} AS SELECT * FROM (${body}) AS ${sql.id('__q')}`);
      // the quoted name is bound as text for regclass to parse
      const name = probe.sql;
      const rows = await tx.all<{ name: string; type: string }>(
        sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
         WHERE a.attrelid = ${name}::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      );
      return rows.map((r) => ({ name: String(r.name), type: String(r.type ?? '') }));
    } finally {
      await tx.exec(sql`DROP VIEW IF EXISTS ${probe}`);
    }
  }

  async tableExists(tx: Queryable, name: string): Promise<boolean> {
    const row = await tx.get(
      sql`SELECT 1 AS found FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${RELNAME} = ${asciiLower(sql`${name}`)}
       LIMIT 1`,
    );
    return row !== undefined;
  }

  async indexTable(tx: Queryable, indexName: string): Promise<string | null> {
    const row = await tx.get<{ tbl: string }>(
      sql`SELECT t.relname AS tbl FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = ic.relnamespace
       WHERE n.nspname = current_schema() AND ${asciiLower(sql.raw('ic.relname::text'))} = ${asciiLower(sql`${indexName}`)} LIMIT 1`,
    );
    return row ? String(row.tbl) : null;
  }

  createSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
    return createPostgresSearch(tx, spec);
  }

  dropSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
    return dropPostgresSearch(tx, spec);
  }

  protected singleToMultiple(column: Fragment): Fragment {
    return sql`CASE WHEN ${column} IS NULL OR ${column} = '' THEN '[]' ELSE json_build_array(${column})::text END`;
  }

  protected multipleToSingle(column: Fragment): Fragment {
    const jsonb = fragment(toJsonb(column.sql), column.binds);
    return sql`CASE WHEN ${column} IS JSON ARRAY THEN COALESCE(${jsonb} ->> -1, '') ELSE COALESCE(${column}, '') END`;
  }

  /**
   * PostgreSQL refuses to drop or retype a column a view reads (SQLite resolves views lazily):
   * renames run first, with the views in place so PostgreSQL rewrites them; then the views are
   * set aside while columns are dropped, converted and added, and created again from their
   * definitions. A view that no longer fits stays dropped until its query is saved again.
   */
  override async updateTable(tx: Queryable, old: TableSpec, next: TableSpec): Promise<void> {
    const current: TableSpec = { ...old, name: next.name, columns: old.columns.map((c) => ({ ...c })) };
    if (old.name !== next.name) await tx.exec(sql`ALTER TABLE ${sql.id(old.name)} RENAME TO ${sql.id(next.name)}`);
    const nextById = new Map(next.columns.map((c) => [c.id, c]));
    const renamed = current.columns.filter((c) => nextById.has(c.id) && nextById.get(c.id)?.name !== c.name);
    const table = sql.id(next.name);
    const temp = (c: ColumnSpec) => sql.id(`_tmp_${c.id}`);
    for (const c of renamed) await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${sql.id(c.name)} TO ${temp(c)}`);
    for (const c of renamed) {
      c.name = (nextById.get(c.id) as ColumnSpec).name;
      await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${temp(c)} TO ${sql.id(c.name)}`);
    }
    // to_regclass reads a quoted name, so mixed-case table names resolve
    const views = await tx.all<{ name: string; def: string }>(DEPENDENT_VIEWS, [table.sql]);
    for (const v of [...views].reverse()) await tx.exec(sql`DROP VIEW IF EXISTS ${sql.id(v.name)}`);
    await super.updateTable(tx, current, next);
    for (const v of views) {
      // the definition comes back from the database's own catalog
      const view = sql`CREATE VIEW ${sql.id(v.name)} AS ${sql.raw(v.def)}`;
      await tx.transaction((sp) => sp.exec(view)).catch(() => undefined);
    }
  }

  /** Tables also get the hidden insertion-order column `@rowid` sorts by. */
  override async createTable(tx: Queryable, spec: TableSpec): Promise<void> {
    await super.createTable(tx, spec);
    await tx.exec(
      sql`ALTER TABLE ${sql.id(spec.name)} ADD COLUMN ${sql.id(ROWID_COLUMN)} BIGINT GENERATED BY DEFAULT AS IDENTITY`,
    );
  }

  protected override async changeColumn(
    tx: Queryable,
    tableName: string,
    from: ColumnSpec,
    to: ColumnSpec,
  ): Promise<void> {
    const table = sql.id(tableName);
    const temp = sql.id(`_new_${to.id}`);
    const current = sql.id(to.name);
    const definition = sql.raw(tx.dialect.columnDefinition(to.kind, false, to.zero));
    await tx.exec(sql`ALTER TABLE ${table} ADD COLUMN ${temp} ${definition}`);
    let value = convert(current, from.kind, to.kind);
    if (!from.multiple && to.multiple) value = this.singleToMultiple(current);
    else if (from.multiple && !to.multiple) value = this.multipleToSingle(current);
    if (to.kind !== 'json' || to.zero != null) value = sql`COALESCE(${value}, ${temp})`;
    await tx.run(sql`UPDATE ${table} SET ${temp} = ${value}`);
    await tx.exec(sql`ALTER TABLE ${table} DROP COLUMN ${current}`);
    await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${temp} TO ${current}`);
  }

  protected override async createIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    const known = new Map<string, TableNames>();
    const translated: string[] = [];
    for (const text of indexes) {
      const wanted = indexTarget(requote(text))?.table ?? '';
      let names = known.get(wanted.toLowerCase());
      if (!names) {
        names = await this.tableNames(tx, wanted);
        known.set(wanted.toLowerCase(), names);
      }
      translated.push(indexForPostgres(text, names));
    }
    await super.createIndexes(tx, translated);
  }

  /** Real table and column names for a name written in any case (SQLite ignores case there). */
  private async tableNames(tx: Queryable, name: string): Promise<TableNames> {
    const rows = await tx.all<{ tbl: string; col: string }>(
      sql`SELECT c.relname AS tbl, a.attname AS col FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm') AND ${RELNAME} = ${asciiLower(sql`${name}`)}
       ORDER BY c.relname = ${name} DESC`,
    );
    const table = rows[0]?.tbl ?? name;
    const columns = new Map(
      rows.filter((r) => r.tbl === table).map((r) => [String(r.col).toLowerCase(), String(r.col)]),
    );
    return { table, columns };
  }
}

export const postgresMigrator = new PostgresMigrator();
