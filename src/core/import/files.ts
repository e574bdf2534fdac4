import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../blob/blob.js';
import { randomString } from '../../lib/random.js';
import type { Queryable, Row } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { pageAfter } from './records.js';

/** The file names a stored record value lists: one name, or a JSON array of names. */
function namesIn(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw === '') return [];
  if (!raw.startsWith('[')) return [raw];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  } catch {
    return [];
  }
}

/** The storage keys of one record's files (`<collectionId>/<recordId>/<name>`). */
export function fileKeys(c: Collection, row: Row): string[] {
  const keys: string[] = [];
  for (const f of c.fields) {
    if (f.type !== 'file') continue;
    for (const name of namesIn(row[f.name])) keys.push(`${c.id}/${String(row.id)}/${name}`);
  }
  return keys;
}

/** Every file key of collection `c` in the source database, page by page. */
export async function* collectionFileKeys(db: Queryable, c: Collection): AsyncIterable<string> {
  if (c.type === 'view' || !c.fields.some((f) => f.type === 'file')) return;
  let after = '';
  for (;;) {
    const rows = await pageAfter(db, c.name, after);
    if (rows.length === 0) return;
    for (const row of rows) yield* fileKeys(c, row);
    after = String(rows[rows.length - 1]?.id ?? '');
  }
}

export async function digest(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Copies one file from the source storage to the target's, streaming it through a temporary file
 * in `tmpDir`. A file the target already holds with the same size is left alone (a re-run skips
 * what an earlier run copied). A file missing from the source is reported, not fatal.
 */
export async function copyFile(from: BlobStore, to: BlobStore, key: string, tmpDir: string): Promise<boolean> {
  const info = await from.head(key);
  if (!info) return false;
  const there = await to.head(key);
  if (there && there.size === info.size) return true;
  mkdirSync(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomString(20));
  try {
    await pipeline(await from.get(key), createWriteStream(tmp));
    await to.putFile(key, tmp, info.contentType || 'application/octet-stream');
  } finally {
    rmSync(tmp, { force: true });
  }
  return true;
}
