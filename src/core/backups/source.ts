import { type Fragment, sql } from '../../store/sql.js';
import type { Queryable, Row } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { loadCollections } from '../collections/rows.js';
import { rowToRecord } from '../records/codec.js';
import type { RecordData } from '../request.js';
import type { Archive } from './archive-read.js';
import { PORTABLE } from './write-portable.js';

const PAGE = 1000;

/** The data a restore writes, whatever the archive's layout: collections, settings rows, records. */
export interface ImportSource {
  collections: Collection[];
  /** `_params` rows as stored (`value` is text) */
  params: Row[];
  migrations: Array<{ file: string; applied: number }>;
  records(c: Collection): AsyncIterable<RecordData>;
}

function parseJson<T>(data: Buffer, what: string): T {
  try {
    return JSON.parse(data.toString('utf8')) as T;
  } catch {
    throw new Error(`the backup's ${what} is not valid JSON`);
  }
}

/** A portable archive's JSON files. */
export async function portableSource(archive: Archive): Promise<ImportSource> {
  const collections = parseJson<Collection[]>(await archive.read(PORTABLE.collections), 'collections');
  const params = parseJson<Row[]>(await archive.read(PORTABLE.params), 'settings');
  const migrations = parseJson<ImportSource['migrations']>(await archive.read(PORTABLE.migrations), 'migrations');
  return {
    collections,
    params,
    migrations,
    async *records(c) {
      if (!archive.has(PORTABLE.records(c))) return;
      for await (const line of archive.lines(PORTABLE.records(c))) yield JSON.parse(line) as RecordData;
    },
  };
}

/** A database (a backup's `data.db` opened as a store), read page by page. */
export async function databaseSource(db: Queryable): Promise<ImportSource> {
  const collections = await loadCollections(db);
  const params = await db.all(sql`SELECT * FROM ${sql.id('_params')}`);
  const migrations = (await db.all(sql`SELECT * FROM ${sql.id('_migrations')}`)).map((m) => ({
    file: String(m.file),
    applied: Number(m.applied),
  }));
  return {
    collections,
    params,
    migrations,
    async *records(c) {
      const id = sql.id('id');
      let last: string | null = null;
      for (;;) {
        const after: Fragment = last === null ? sql`` : sql`WHERE ${id} > ${last}`;
        const rows: Row[] = await db.all(sql`SELECT * FROM ${sql.id(c.name)} ${after} ORDER BY ${id} LIMIT ${PAGE}`);
        for (const row of rows) yield rowToRecord(db.dialect, c, row);
        if (rows.length < PAGE) return;
        last = String(rows[rows.length - 1]?.id);
      }
    },
  };
}
