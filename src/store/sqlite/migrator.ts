import { SqlMigrator, trimQuery } from '../migrator.js';
import type { ColumnSpec, ViewColumnInfo } from '../schema-spec.js';
import type { SearchSpec } from '../search.js';
import { type Fragment, sql } from '../sql.js';
import type { Queryable } from '../store.js';
import { createSqliteSearch, dropSqliteSearch } from './search.js';

const PROBE_VIEW = '_basalt_view_probe';

/** SQLite: JSON1 functions for value conversion, sqlite_master and PRAGMA for introspection. */
export class SqliteMigrator extends SqlMigrator {
  async viewColumns(tx: Queryable, query: string): Promise<ViewColumnInfo[]> {
    const probe = sql`temp.${sql.id(PROBE_VIEW)}`;
    await tx.exec(sql`DROP VIEW IF EXISTS ${probe}`);
    try {
      // a superuser's view query, run as written: probing its columns is what this is for
      await tx.run(sql`CREATE TEMP VIEW ${sql.id(PROBE_VIEW)} AS SELECT * FROM (${sql.raw(trimQuery(query))})`);
      const rows = await tx.all<{ name: string; type: string }>(sql`PRAGMA temp.table_info(${sql.id(PROBE_VIEW)})`);
      return rows.map((r) => ({ name: String(r.name), type: String(r.type ?? '') }));
    } finally {
      await tx.exec(sql`DROP VIEW IF EXISTS ${probe}`);
    }
  }

  async tableExists(tx: Queryable, name: string): Promise<boolean> {
    const row = await tx.get(
      "SELECT 1 AS found FROM sqlite_master WHERE type IN ('table', 'view') AND LOWER(name) = LOWER(?) LIMIT 1",
      [name],
    );
    return row !== undefined;
  }

  async indexTable(tx: Queryable, indexName: string): Promise<string | null> {
    const row = await tx.get<{ tbl_name: string }>(
      "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND LOWER(name) = LOWER(?) LIMIT 1",
      [indexName],
    );
    return row ? String(row.tbl_name) : null;
  }

  /** Views are dropped around the rebuild (SQLite refuses to drop a column a view reads) and restored. */
  protected override async changeColumn(tx: Queryable, table: string, from: ColumnSpec, to: ColumnSpec): Promise<void> {
    const views = await tx.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'view' AND sql IS NOT NULL ORDER BY rowid",
    );
    for (const v of [...views].reverse()) await tx.exec(sql`DROP VIEW IF EXISTS ${sql.id(v.name)}`);
    await super.changeColumn(tx, table, from, to);
    // each definition as sqlite_master keeps it
    for (const v of views) await tx.exec(sql.raw(v.sql));
  }

  createSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
    return createSqliteSearch(tx, spec);
  }

  dropSearch(tx: Queryable, spec: SearchSpec): Promise<void> {
    return dropSqliteSearch(tx, spec);
  }

  protected singleToMultiple(column: Fragment): Fragment {
    return sql`CASE WHEN COALESCE(${column}, '') = '' THEN '[]'
      WHEN json_valid(${column}) AND json_type(${column}) = 'array' THEN ${column}
      ELSE json_array(${column}) END`;
  }

  protected multipleToSingle(column: Fragment): Fragment {
    return sql`CASE WHEN json_valid(${column}) AND json_type(${column}) = 'array'
      THEN COALESCE(json_extract(${column}, '$[#-1]'), '')
      ELSE COALESCE(${column}, '') END`;
  }
}

export const sqliteMigrator = new SqliteMigrator();
