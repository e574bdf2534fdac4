import { type TableDigest, TableDigester } from '../../store/backup.js';
import { type Fragment, sql } from '../../store/sql.js';
import type { Queryable, Row } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { persistCollection } from '../collections/persist.js';
import { loadCollections } from '../collections/rows.js';
import { getFieldType } from '../fields/index.js';
import { createOutboxTable } from '../outbox/index.js';
import type { RecordData } from '../request.js';
import { tableShapes } from './manifest.js';
import type { ImportSource } from './source.js';

/** Tables before views (a view reads tables), each group in creation order. */
function creationOrder(list: readonly Collection[]): Collection[] {
  const tables = list.filter((c) => c.type !== 'view');
  const views = list.filter((c) => c.type === 'view');
  return [...tables, ...views];
}

async function insertRecords(tx: Queryable, c: Collection, records: AsyncIterable<RecordData>): Promise<void> {
  const kinds = c.fields.map((f) => getFieldType(f.type).storage(f));
  const columns = sql.join(c.fields.map((f) => sql.id(f.name)));
  // stay far below both databases' bound-parameter limits
  const perStatement = Math.max(1, Math.min(500, Math.floor(8000 / Math.max(1, c.fields.length))));
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = sql.join(batch.map((values) => sql`(${sql.list(values)})`));
    await tx.run(sql`INSERT INTO ${sql.id(c.name)} (${columns}) VALUES ${rows}`);
    batch = [];
  };
  for await (const r of records) {
    batch.push(c.fields.map((f, i) => tx.dialect.encode(kinds[i] as (typeof kinds)[number], r[f.name])));
    if (batch.length >= perStatement) await flush();
  }
  await flush();
}

/**
 * Replaces everything the database holds (collections with their tables and views, settings,
 * applied migrations) with `source`, inside the transaction `tx`: on failure nothing changed.
 */
export async function importData(tx: Queryable, source: ImportSource): Promise<void> {
  for (const c of creationOrder(await loadCollections(tx)).reverse()) await persistCollection(tx, c, null);
  await tx.run(sql`DELETE FROM ${sql.id('_params')}`);
  await tx.run(sql`DELETE FROM ${sql.id('_migrations')}`);
  for (const c of creationOrder(source.collections)) {
    await persistCollection(tx, null, c);
    if (c.type !== 'view') await insertRecords(tx, c, source.records(c));
  }
  for (const p of source.params) {
    await tx.run(
      sql`INSERT INTO ${sql.id('_params')} (${sql.join(['id', 'value', 'created', 'updated'].map((k) => sql.id(k)))})
          VALUES (${String(p.id)}, ${p.value == null ? null : String(p.value)}, ${String(p.created ?? '')}, ${String(p.updated ?? '')})`,
    );
  }
  for (const m of source.migrations) {
    await tx.run(
      sql`INSERT INTO ${sql.id('_migrations')} (${sql.id('file')}, ${sql.id('applied')}) VALUES (${m.file}, ${m.applied})`,
    );
  }
  // the outbox's migration is among those recorded: its table must be there too
  await createOutboxTable(tx);
}

/** Digests of the records tables as `db` holds them now (to compare with a manifest). */
export async function digestTables(
  db: Queryable,
  collections: readonly Collection[],
): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const shape of tableShapes(collections)) {
    const digester = new TableDigester(shape, db.dialect.decode);
    const id = sql.id('id');
    let last: string | null = null;
    for (;;) {
      const after: Fragment = last === null ? sql`` : sql`WHERE ${id} > ${last}`;
      const rows: Row[] = await db.all(sql`SELECT * FROM ${sql.id(shape.table)} ${after} ORDER BY ${id} LIMIT ${1000}`);
      for (const row of rows) digester.add(row);
      if (rows.length < 1000) break;
      last = String(rows[rows.length - 1]?.id);
    }
    out[shape.table] = digester.result();
  }
  return out;
}
