import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { type TableDigest, TableDigester } from '../../store/backup.js';
import { type Fragment, sql } from '../../store/sql.js';
import type { Queryable, Row } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { loadCollections } from '../collections/rows.js';
import { rowToRecord } from '../records/codec.js';
import { type ArchiveEntry, folderEntries, writeArchive } from './archive-write.js';
import { MANIFEST_NAME, newManifest, tableShapes } from './manifest.js';

/** Rows read per query while exporting a table. */
const PAGE = 1000;

export const PORTABLE = {
  collections: 'portable/collections.json',
  params: 'portable/params.json',
  migrations: 'portable/migrations.json',
  records: (c: Collection) => `portable/records/${c.id}.jsonl`,
} as const;

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Streams a table's records as JSON lines (app values, field by field) and digests them on the way. */
async function exportTable(q: Queryable, c: Collection, file: string): Promise<TableDigest> {
  const [shape] = tableShapes([c]);
  const digester = new TableDigester(shape as NonNullable<typeof shape>, q.dialect.decode);
  const out = createWriteStream(file, { flags: 'wx' });
  const table = sql.id(c.name);
  const id = sql.id('id');
  let last: string | null = null;
  try {
    for (;;) {
      const after: Fragment = last === null ? sql`` : sql`WHERE ${id} > ${last}`;
      const rows: Row[] = await q.all(sql`SELECT * FROM ${table} ${after} ORDER BY ${id} LIMIT ${PAGE}`);
      for (const row of rows) {
        digester.add(row);
        await write(out, `${JSON.stringify(rowToRecord(q.dialect, c, row))}\n`);
      }
      if (rows.length < PAGE) break;
      last = String(rows[rows.length - 1]?.id);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return digester.result();
}

/**
 * The portable archive of a server database: collections, settings and migrations as JSON, each
 * collection's records as JSON lines, all read in one snapshot; local storage files beside them.
 * It restores into either database.
 */
export async function writePortableArchive(
  app: App,
  read: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>,
  work: string,
  dest: string,
): Promise<void> {
  const entries: ArchiveEntry[] = [];
  const digests: Record<string, TableDigest> = {};
  await read(async (q) => {
    const collections = await loadCollections(q);
    const params = await q.all(sql`SELECT * FROM ${sql.id('_params')} ORDER BY ${sql.id('id')}`);
    const migrations = await q.all(sql`SELECT * FROM ${sql.id('_migrations')} ORDER BY ${sql.id('file')}`);
    entries.push({ name: PORTABLE.collections, data: Buffer.from(JSON.stringify(collections)) });
    entries.push({ name: PORTABLE.params, data: Buffer.from(JSON.stringify(params)) });
    const applied = migrations.map((m) => ({ file: String(m.file), applied: Number(m.applied) }));
    entries.push({ name: PORTABLE.migrations, data: Buffer.from(JSON.stringify(applied)) });
    for (const c of collections) {
      if (c.type === 'view') continue;
      const file = join(work, `${c.id}.jsonl`);
      digests[c.name] = await exportTable(q, c, file);
      entries.push({ name: PORTABLE.records(c), file });
    }
  });
  const files = app.settings.get().s3.enabled
    ? []
    : await folderEntries(join(app.config.dataDir, 'storage'), 'storage');
  entries.push(...files);
  const manifest = newManifest({
    layout: 'portable',
    appName: app.settings.get().meta.appName,
    source: app.store.dialect.name,
    collections: digests,
    files: files.length,
  });
  entries.push({ name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifest, null, 2)) });
  await writeArchive(dest, entries);
}
