import { withIndexTable } from '../../lib/sql-index.js';
import type { SchemaSpec } from '../../store/schema-spec.js';
import { sameSearchSpec } from '../../store/search.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { type Collection, isMultiple } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import { searchSpecOf } from '../search/spec.js';
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
  const table = sql.id('_collections');
  if (isNew) {
    const columns = sql.join(keys.map((k) => sql.id(k)));
    await tx.run(sql`INSERT INTO ${table} (${columns}) VALUES (${sql.list(keys.map((k) => row[k]))})`);
    return;
  }
  const sets = sql.join(keys.map((k) => sql`${sql.id(k)} = ${row[k]}`));
  await tx.run(sql`UPDATE ${table} SET ${sets} WHERE ${sql.id('id')} = ${c.id}`);
}

async function deleteCollectionRow(tx: Queryable, id: string): Promise<void> {
  await tx.run(sql`DELETE FROM ${sql.id('_collections')} WHERE ${sql.id('id')} = ${id}`);
}

/**
 * Writes the row and moves the table/view from `old` to `next` (either may be null). A full-text
 * index whose definition changes (fields, or the table's name) is dropped before the table changes
 * and built again after it, in the same transaction.
 */
export async function persistCollection(tx: Queryable, old: Collection | null, next: Collection | null): Promise<void> {
  if (next) await saveCollectionRow(tx, next, old === null);
  else if (old) await deleteCollectionRow(tx, old.id);
  const oldSearch = searchSpecOf(old);
  const nextSearch = searchSpecOf(next);
  const rebuild = !sameSearchSpec(oldSearch, nextSearch);
  if (rebuild && oldSearch) await tx.migrator.dropSearch(tx, oldSearch);
  await tx.migrator.sync(tx, old ? schemaSpecOf(old) : null, next ? schemaSpecOf(next) : null);
  if (rebuild && nextSearch) await tx.migrator.createSearch(tx, nextSearch);
}
