import {
  type ColumnSpec,
  IndexCreateError,
  type IndexFailure,
  type SchemaSpec,
  type TableSpec,
  type ViewColumnInfo,
  type ViewSpec,
} from './schema-spec.js';
import type { Migrator, Queryable } from './store.js';

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
  protected abstract singleToMultiple(column: string): string;
  /** SQL expression keeping the last element of a JSON array column (empty → ''). */
  protected abstract multipleToSingle(column: string): string;

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
    const q = tx.dialect.quote;
    const cols = spec.columns.map((c) => `${q(c.name)} ${tx.dialect.columnDefinition(c.kind, c.primaryKey, c.zero)}`);
    await tx.exec(`CREATE TABLE ${q(spec.name)} (${cols.join(', ')})`);
    await this.createIndexes(tx, spec.indexes);
  }

  async updateTable(tx: Queryable, old: TableSpec, next: TableSpec): Promise<void> {
    const q = tx.dialect.quote;
    await this.dropIndexes(tx, old.indexes);
    if (old.name.toLowerCase() !== next.name.toLowerCase()) {
      await tx.exec(`ALTER TABLE ${q(old.name)} RENAME TO ${q(next.name)}`);
    }
    const table = q(next.name);
    const nextById = new Map(next.columns.map((c) => [c.id, c]));
    const kept = old.columns.filter((c) => nextById.has(c.id));
    for (const c of old.columns) {
      if (!nextById.has(c.id)) await tx.exec(`ALTER TABLE ${table} DROP COLUMN ${q(c.name)}`);
    }
    const renamed = kept.filter((c) => nextById.get(c.id)?.name !== c.name);
    const temp = (c: ColumnSpec) => `_tmp_${c.id}`;
    for (const c of renamed) await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${q(c.name)} TO ${q(temp(c))}`);
    for (const c of renamed) {
      const target = nextById.get(c.id) as ColumnSpec;
      await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${q(temp(c))} TO ${q(target.name)}`);
    }
    for (const c of kept) {
      const target = nextById.get(c.id) as ColumnSpec;
      if (target.primaryKey) continue;
      if (c.kind !== target.kind || c.multiple !== target.multiple) await this.changeColumn(tx, next.name, c, target);
    }
    const oldIds = new Set(old.columns.map((c) => c.id));
    for (const c of next.columns) {
      if (oldIds.has(c.id)) continue;
      await tx.exec(
        `ALTER TABLE ${table} ADD COLUMN ${q(c.name)} ${tx.dialect.columnDefinition(c.kind, c.primaryKey, c.zero)}`,
      );
    }
    await this.createIndexes(tx, next.indexes);
  }

  /** Rebuilds one column with a new definition, converting its values. */
  protected async changeColumn(tx: Queryable, tableName: string, from: ColumnSpec, to: ColumnSpec): Promise<void> {
    const q = tx.dialect.quote;
    const table = q(tableName);
    const temp = q(`_new_${to.id}`);
    const current = q(to.name);
    await tx.exec(`ALTER TABLE ${table} ADD COLUMN ${temp} ${tx.dialect.columnDefinition(to.kind, false, to.zero)}`);
    let value = current;
    if (!from.multiple && to.multiple) value = this.singleToMultiple(current);
    else if (from.multiple && !to.multiple) value = this.multipleToSingle(current);
    await tx.run(`UPDATE ${table} SET ${temp} = ${value}`);
    await tx.exec(`ALTER TABLE ${table} DROP COLUMN ${current}`);
    await tx.exec(`ALTER TABLE ${table} RENAME COLUMN ${temp} TO ${current}`);
  }

  async dropTable(tx: Queryable, name: string): Promise<void> {
    await tx.exec(`DROP TABLE IF EXISTS ${tx.dialect.quote(name)}`);
  }

  async saveView(tx: Queryable, spec: ViewSpec, oldName?: string): Promise<void> {
    if (oldName && oldName !== spec.name) await this.dropView(tx, oldName);
    await this.dropView(tx, spec.name);
    const q = tx.dialect.quote;
    const cols = spec.columns?.length
      ? spec.columns.map((c) => (c === 'id' ? `CAST(${q(c)} AS TEXT) AS ${q(c)}` : q(c))).join(', ')
      : '*';
    await tx.run(`CREATE VIEW ${q(spec.name)} AS SELECT ${cols} FROM (${trimQuery(spec.query)})`);
  }

  async dropView(tx: Queryable, name: string): Promise<void> {
    await tx.exec(`DROP VIEW IF EXISTS ${tx.dialect.quote(name)}`);
  }

  protected async dropIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    for (const sql of indexes) {
      const name = indexNameOf(sql);
      if (name) await tx.exec(`DROP INDEX IF EXISTS ${tx.dialect.quote(name)}`);
    }
  }

  protected async createIndexes(tx: Queryable, indexes: readonly string[]): Promise<void> {
    const failures: IndexFailure[] = [];
    for (const [position, sql] of indexes.entries()) {
      try {
        await tx.transaction((sp) => sp.run(sql));
      } catch (err) {
        failures.push({ position, indexName: indexNameOf(sql), reason: errorText(err) });
      }
    }
    if (failures.length > 0) throw new IndexCreateError(failures);
  }
}

/** The query without surrounding whitespace and trailing semicolons. */
export function trimQuery(query: string): string {
  return query.trim().replace(/[;\s]+$/, '');
}

/** Index name of a CREATE INDEX statement (quoted or bare), or ''. */
function indexNameOf(sql: string): string {
  const m =
    /^\s*create\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?(?:[`"[]?[\w$]+[`"\]]?\.)?(?:`([^`]+)`|"([^"]+)"|\[([^\]]+)\]|([\w$]+))/i.exec(
      sql,
    );
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '') : '';
}
