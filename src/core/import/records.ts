import { sql } from '../../store/sql.js';
import type { Queryable, Row } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { columnsOf, targetValue } from './columns.js';

/** Rows read and written per round trip (and per target transaction). */
export const PAGE = 500;

/** Rows per INSERT statement (far below the bound-parameter limits of both databases). */
const ROWS_PER_INSERT = 50;

/** Rows of a table in id order, a page after `after` ('' for the first). */
export function pageAfter(db: Queryable, table: string, after: string, limit = PAGE): Promise<Row[]> {
  const t = sql.id(table);
  const id = sql.id('id');
  return db.all(sql`SELECT * FROM ${t} WHERE ${id} > ${after} ORDER BY ${id} LIMIT ${limit}`);
}

export async function countRows(db: Queryable, table: string): Promise<number> {
  const row = await db.get<{ n: unknown }>(sql`SELECT COUNT(*) AS ${sql.id('n')} FROM ${sql.id(table)}`);
  return Number(row?.n ?? 0);
}

/**
 * Copies every record of `c` from the source database into the target's table, a page per
 * transaction. Each row is an upsert on `id`, so a run cut short is finished by running it again.
 */
export async function copyRecords(
  source: Queryable,
  target: App,
  c: Collection,
  progress: (done: number) => void,
): Promise<void> {
  const cols = columnsOf(c);
  const table = sql.id(c.name);
  const names = sql.join(cols.map((col) => sql.id(col.name)));
  const updates = cols
    .filter((col) => col.name !== 'id')
    .map((col) => sql`${sql.id(col.name)} = excluded.${sql.id(col.name)}`);
  const onConflict = updates.length > 0 ? sql`DO UPDATE SET ${sql.join(updates)}` : sql`DO NOTHING`;
  let after = '';
  let done = 0;
  for (;;) {
    const rows = await pageAfter(source, c.name, after);
    if (rows.length === 0) break;
    await target.store.transaction(async (tx) => {
      // several rows per statement: one round trip for each ROWS_PER_INSERT records
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const tuples = rows.slice(i, i + ROWS_PER_INSERT).map((row) => {
          const values = cols.map((col) => targetValue(tx.dialect, source.dialect, col, row[col.name]));
          return sql`(${sql.list(values)})`;
        });
        await tx.run(sql`INSERT INTO ${table} (${names}) VALUES ${sql.join(tuples)}
          ON CONFLICT (${sql.id('id')}) ${onConflict}`);
      }
    });
    after = String(rows[rows.length - 1]?.id ?? '');
    done += rows.length;
    progress(done);
  }
}
