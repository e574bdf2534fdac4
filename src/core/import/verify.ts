import { createHash } from 'node:crypto';
import type { BlobStore } from '../../blob/blob.js';
import type { Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { type ColumnPlan, columnsOf, comparableRow } from './columns.js';
import { collectionFileKeys, digest } from './files.js';
import { countRows, pageAfter } from './records.js';
import type { CollectionCheck } from './types.js';

/** sha256 over every record of a table, in id order, as values both databases agree on. */
async function tableChecksum(db: Queryable, table: string, cols: readonly ColumnPlan[]): Promise<string> {
  const hash = createHash('sha256');
  let after = '';
  for (;;) {
    const rows = await pageAfter(db, table, after);
    if (rows.length === 0) break;
    for (const row of rows) hash.update(`${comparableRow(db.dialect, cols, row)}\n`);
    after = String(rows[rows.length - 1]?.id ?? '');
  }
  return hash.digest('hex');
}

async function sameBytes(from: BlobStore, to: BlobStore, key: string): Promise<boolean> {
  if (!(await to.exists(key)) || !(await from.exists(key))) return false;
  const [a, b] = await Promise.all([digest(await from.get(key)), digest(await to.get(key))]);
  return a === b;
}

export interface VerifySides {
  source: Queryable;
  target: Queryable;
  sourceFiles: BlobStore;
  targetFiles: BlobStore;
}

/**
 * Compares one collection on both sides: row counts, a checksum of every record's values (tables),
 * and the bytes of every file its records name.
 */
export async function verifyCollection(sides: VerifySides, c: Collection): Promise<CollectionCheck> {
  const sourceRows = await countRows(sides.source, c.name);
  const targetRows = await countRows(sides.target, c.name);
  let sourceChecksum = '';
  let targetChecksum = '';
  if (c.type !== 'view') {
    const cols = columnsOf(c);
    sourceChecksum = await tableChecksum(sides.source, c.name, cols);
    targetChecksum = await tableChecksum(sides.target, c.name, cols);
  }
  let sourceFiles = 0;
  let matchingFiles = 0;
  for await (const key of collectionFileKeys(sides.source, c)) {
    if (!(await sides.sourceFiles.exists(key))) continue;
    sourceFiles++;
    if (await sameBytes(sides.sourceFiles, sides.targetFiles, key)) matchingFiles++;
  }
  return {
    name: c.name,
    type: c.type,
    sourceRows,
    targetRows,
    sourceChecksum,
    targetChecksum,
    sourceFiles,
    matchingFiles,
    ok: sourceRows === targetRows && sourceChecksum === targetChecksum && sourceFiles === matchingFiles,
  };
}
