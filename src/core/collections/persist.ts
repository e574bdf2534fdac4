import { withIndexTable } from '../../lib/sql-index.js';
import { migratorFor, type SchemaSpec } from '../../store/migrator.js';
import type { Queryable } from '../../store/store.js';
import { type Collection, isMultiple } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import { collectionToRow } from './rows.js';

/** What the database must hold for a collection: its records table, or its view. */
export function schemaSpecOf(c: Collection): SchemaSpec {
  if (c.type === 'view') {
    return { type: 'view', name: c.name, query: c.viewQuery ?? '', columns: c.fields.map((f) => f.name) };
  }
  return {
    type: 'table',
    name: c.name,
    columns: c.fields.map((f) => {
      const t = getFieldType(f.type);
      return {
        id: f.id,
        name: f.name,
        kind: t.storage(f),
        primaryKey: f.primaryKey === true,
        zero: t.zero(f),
        multiple: isMultiple(f),
      };
    }),
    indexes: c.indexes.map((sql) => withIndexTable(sql, c.name)),
  };
}

/** Inserts or replaces the `_collections` row. */
export async function saveCollectionRow(tx: Queryable, c: Collection, isNew: boolean): Promise<void> {
  const row = collectionToRow(c);
  const keys = Object.keys(row);
  const q = tx.dialect.quote;
  const values = keys.map((k) => row[k]);
  if (isNew) {
    const marks = keys.map((_, i) => tx.dialect.placeholder(i + 1)).join(', ');
    await tx.run(`INSERT INTO ${q('_collections')} (${keys.map(q).join(', ')}) VALUES (${marks})`, values);
    return;
  }
  const sets = keys.map((k, i) => `${q(k)} = ${tx.dialect.placeholder(i + 1)}`).join(', ');
  await tx.run(
    `UPDATE ${q('_collections')} SET ${sets} WHERE ${q('id')} = ${tx.dialect.placeholder(keys.length + 1)}`,
    [...values, c.id],
  );
}

async function deleteCollectionRow(tx: Queryable, id: string): Promise<void> {
  const q = tx.dialect.quote;
  await tx.run(`DELETE FROM ${q('_collections')} WHERE ${q('id')} = ${tx.dialect.placeholder(1)}`, [id]);
}

/** Writes the row and moves the table/view from `old` to `next` (either may be null). */
export async function persistCollection(tx: Queryable, old: Collection | null, next: Collection | null): Promise<void> {
  const migrator = migratorFor(tx);
  if (next) await saveCollectionRow(tx, next, old === null);
  else if (old) await deleteCollectionRow(tx, old.id);
  await migrator.sync(tx, old ? schemaSpecOf(old) : null, next ? schemaSpecOf(next) : null);
}
