import type { TableDigest, TableShape } from '../../store/backup.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { getFieldType } from '../fields/index.js';

export const MANIFEST_NAME = 'basalt_manifest.json';
const FORMAT = 'basalt-backup';
const VERSION = 1;

/**
 * The manifest inside every backup. `layout` says where the data is: `sqlite` archives hold the
 * `data.db` file (PocketBase's layout), `portable` ones collections, settings and records as JSON
 * lines. Per collection: its row count and the XOR of its rows' hashes (store/backup.ts), which a
 * restore or a drill recomputes from the restored data.
 */
export interface Manifest {
  format: typeof FORMAT;
  version: number;
  layout: 'sqlite' | 'portable';
  created: string;
  appName: string;
  /** the database the backup was taken from */
  source: string;
  collections: Record<string, TableDigest>;
  /** local storage files in the archive */
  files: number;
}

export function newManifest(fields: Omit<Manifest, 'format' | 'version' | 'created'> & { created?: string }): Manifest {
  return { format: FORMAT, version: VERSION, created: new Date().toISOString(), ...fields };
}

/** Parses a manifest; a file of another kind or version is refused (a backup of another app). */
export function parseManifest(data: Buffer): Manifest {
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(data.toString('utf8')) as Partial<Manifest>;
  } catch {
    throw Errors.invalidBackupArchive('The backup manifest is not valid JSON.');
  }
  if (m?.format !== FORMAT || typeof m.version !== 'number') {
    throw Errors.invalidBackupArchive('The archive is not a backup of this app (unknown manifest).');
  }
  if (m.version > VERSION) throw Errors.invalidBackupArchive('The backup was made by a newer version of the app.');
  if ((m.layout !== 'sqlite' && m.layout !== 'portable') || typeof m.collections !== 'object' || !m.collections) {
    throw Errors.invalidBackupArchive('The backup manifest is incomplete.');
  }
  return m as Manifest;
}

/** The tables a digest covers: every collection with a records table (views hold no data of their own). */
export function tableShapes(collections: readonly Collection[]): TableShape[] {
  return collections
    .filter((c) => c.type !== 'view')
    .map((c) => ({
      table: c.name,
      columns: c.fields.map((f) => ({ name: f.name, kind: getFieldType(f.type).storage(f) })),
    }));
}

/** Differences between the digests a manifest promises and those found, one line each ([] when they agree). */
export function compareDigests(
  expected: Readonly<Record<string, TableDigest>>,
  found: Readonly<Record<string, TableDigest>>,
): string[] {
  const problems: string[] = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = found[name];
    if (!got) problems.push(`collection ${name} is missing`);
    else if (got.rows !== want.rows) problems.push(`collection ${name} has ${got.rows} rows, expected ${want.rows}`);
    else if (got.checksum !== want.checksum) problems.push(`collection ${name} differs from its checksum`);
  }
  for (const name of Object.keys(found)) if (!(name in expected)) problems.push(`collection ${name} is unexpected`);
  return problems;
}
