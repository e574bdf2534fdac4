import { createHash } from 'node:crypto';
import type { StorageKind } from './dialect.js';
import type { Row } from './store.js';

export type { BackupSource } from './store.js';

/** A records table as a digest sees it: the columns and how each is stored. */
export interface TableShape {
  table: string;
  columns: ReadonlyArray<{ name: string; kind: StorageKind }>;
}

/** What checking a database file found: `PRAGMA integrity_check` lines (`['ok']` when sound) and table digests. */
export interface FileInspection {
  integrity: string[];
  digests: Record<string, TableDigest>;
}

/** Row count and content checksum of one table. */
export interface TableDigest {
  rows: number;
  checksum: string;
}

/** Objects with their keys sorted, so JSON from either database (jsonb reorders keys) hashes alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/**
 * Builds a table's digest from its rows in any order: each row's values, decoded to app values and
 * written as canonical JSON, are hashed and the hashes combined with XOR. Record ids are unique, so
 * no two rows cancel out, and no ORDER BY (whose collation differs between databases) is needed.
 */
export class TableDigester {
  private rows = 0;
  private readonly acc = Buffer.alloc(32);

  constructor(
    private readonly shape: TableShape,
    private readonly decode: (kind: StorageKind, raw: unknown) => unknown,
  ) {}

  add(row: Row): void {
    const values = this.shape.columns.map((c) => canonical(this.decode(c.kind, row[c.name])));
    this.addValues(values);
  }

  /** Adds a row already decoded to app values, in the shape's column order. */
  addValues(values: readonly unknown[]): void {
    const h = createHash('sha256')
      .update(JSON.stringify(values.map(canonical)))
      .digest();
    for (let i = 0; i < 32; i++) this.acc[i] = (this.acc[i] ?? 0) ^ (h[i] ?? 0);
    this.rows++;
  }

  result(): TableDigest {
    return { rows: this.rows, checksum: this.acc.toString('hex') };
  }
}
