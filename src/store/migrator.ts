import { indexName } from '../lib/sql-index.js';
import {
  type ColumnSpec,
  IndexCreateError,
  type IndexFailure,
  type SchemaSpec,
  type TableSpec,
  type ViewColumnInfo,
  type ViewSpec,
} from './schema-spec.js';
import type { SearchSpec } from './search.js';
import { type Fragment, sql } from './sql.js';
import type { Migrator, Queryable } from './store.js';

/** A column's type and default: dialect text built from our own storage kinds, never from input. */
function columnDefinition(tx: Queryable, c: ColumnSpec, primaryKey: boolean): Fragment {
  return sql.raw(tx.dialect.columnDefinition(c.kind, primaryKey, c.zero));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Moves a records table or view from one schema to the next, in place and inside the caller's
 * transaction. Adapters override what their SQL does differently.
 */
export abstract class SqlMigrator implements Migrator {
  /** Result columns of `query` without running it for data. */
  abstract viewColumns(tx: Queryable, query: string): Promise<ViewColumnInfo[]>;
  /** True when a table or view of that name exists (case-insensitive). */
  abstract tableExists(tx: Queryable, name: string): Promise<boolean>;
  /** The table an existing index belongs to, or null. */
  abstract indexTable(tx: Queryable, indexName: string): Promise<string | null>;
  /** SQL expression turning a single value column into a JSON array (empty → `[]`). */
  protected abstract singleToMultiple(column: Fragment): Fragment;
  /** SQL expression keeping the last element of a JSON array column (empty → ''). */
  protected abstract multipleToSingle(column: Fragment): Fragment;
  abstract createSearch(tx: Queryable, spec: SearchSpec): Promise<void>;
  abstract dropSearch(tx: Queryable, spec: SearchSpec): Promise<void>;

  async sync(tx: Queryable, old: SchemaSpec | null, next: SchemaSpec | null): Promise<void> {
    if (old && (!next || old.type !== next.type)) {
      if (old.type === 'view') await this.dropView(tx, old.name);
      else await this.dropTable(tx, old.name);
      old = null;
    }
    if (!next) return;
    if (next.type === 'view') {
      await this.saveView(tx, next, old?.name);
      return;
    }
    if (old?.type === 'table') await this.updateTable(tx, old, next);
    else await this.createTable(tx, next);
  }

  async createTable(tx: Queryable, spec: TableSpec): Promise<void> {
    const cols = spec.columns.map((c) => sql`${sql.id(c.name)} ${columnDefinition(tx, c, c.primaryKey)}`);
    await tx.exec(sql`CREATE TABLE ${sql.id(spec.name)} (${sql.join(cols)})`);
    await this.createIndexes(tx, spec.indexes);
  }

  async updateTable(tx: Queryable, old: TableSpec, next: TableSpec): Promise<void> {
    await this.dropIndexes(tx, old.indexes);
    if (old.name.toLowerCase() !== next.name.toLowerCase()) {
      await tx.exec(sql`ALTER TABLE ${sql.id(old.name)} RENAME TO ${sql.id(next.name)}`);
    }
    const table = sql.id(next.name);
    const nextById = new Map(next.columns.map((c) => [c.id, c]));
    const kept = old.columns.filter((c) => nextById.has(c.id));
    for (const c of old.columns) {
      if (!nextById.has(c.id)) await tx.exec(sql`ALTER TABLE ${table} DROP COLUMN ${sql.id(c.name)}`);
    }
    const renamed = kept.filter((c) => nextById.get(c.id)?.name !== c.name);
    const temp = (c: ColumnSpec) => sql.id(`_tmp_${c.id}`);
    for (const c of renamed) await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${sql.id(c.name)} TO ${temp(c)}`);
    for (const c of renamed) {
      const target = nextById.get(c.id) as ColumnSpec;
      await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${temp(c)} TO ${sql.id(target.name)}`);
    }
    for (const c of kept) {
      const target = nextById.get(c.id) as ColumnSpec;
      if (target.primaryKey) continue;
      if (c.kind !== target.kind || c.multiple !== target.multiple) await this.changeColumn(tx, next.name, c, target);
    }
    const oldIds = new Set(old.columns.map((c) => c.id));
    for (const c of next.columns) {
      if (oldIds.has(c.id)) continue;
      await tx.exec(sql`ALTER TABLE ${table} ADD COLUMN ${sql.id(c.name)} ${columnDefinition(tx, c, c.primaryKey)}`);
    }
    await this.createIndexes(tx, next.indexes);
  }

  /** Rebuilds one column with a new definition, converting its values. */
  protected async changeColumn(tx: Queryable, tableName: string, from: ColumnSpec, to: ColumnSpec): Promise<void> {
    const table = sql.id(tableName);
    const temp = sql.id(`_new_${to.id}`);
    const current = sql.id(to.name);
    await tx.exec(sql`ALTER TABLE ${table} ADD COLUMN ${temp} ${columnDefinition(tx, to, false)}`);
    let value = current;
    if (!from.multiple && to.multiple) value = this.singleToMultiple(current);
    else if (from.multiple && !to.multiple) value = this.multipleToSingle(current);
    await tx.run(sql`UPDATE ${table} SET ${temp} = ${value}`);
    await tx.exec(sql`ALTER TABLE ${table} DROP COLUMN ${current}`);
    await tx.exec(sql`ALTER TABLE ${table} RENAME COLUMN ${temp} TO ${current}`);
  }

  async dropTable(tx: Queryable, name: string): Promise<void> {
    await tx.exec(sql`DROP TABLE IF EXISTS ${sql.id(name)}`);
  }

  async saveView(tx: Queryable, spec: ViewSpec, oldName?: string): Promise<void> {
    if (oldName && oldName !== spec.name) await this.dropView(tx, oldName);
    await this.dropView(tx, spec.name);
    const cols = spec.columns?.length
      ? sql.join(spec.columns.map((c) => (c === 'id' ? sql`CAST(${sql.id(c)} AS TEXT) AS ${sql.id(c)}` : sql.id(c))))
      : sql.raw('*');
    // the view query was validated as a single SELECT when the collection was saved
    const query = sql.raw(trimQuery(spec.query));
    await tx.run(sql`CREATE VIEW ${sql.id(spec.name)} AS SELECT ${cols} FROM (${query})`);
  }

  async dropView(tx: Queryable, name: string): Promise<void> {
    await tx.exec(sql`DROP VIEW IF EXISTS ${sql.id(name)}`);
  }

  protected async dropIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    for (const text of indexes) {
      const name = indexName(text);
      if (name) await tx.exec(sql`DROP INDEX IF EXISTS ${sql.id(name)}`);
    }
  }

  protected async createIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    const failures: IndexFailure[] = [];
    for (const [position, text] of indexes.entries()) {
      try {
        // index definitions were parsed and validated when the collection was saved
        await tx.transaction((sp) => sp.run(sql.raw(text)));
      } catch (err) {
        failures.push({ position, indexName: indexName(text), reason: errorText(err) });
      }
    }
    if (failures.length > 0) throw new IndexCreateError(failures);
  }
}

/** The query without surrounding whitespace and trailing semicolons. */
export function trimQuery(query: string): string {
  return query.trim().replace(/[;\s]+$/, '');
}
