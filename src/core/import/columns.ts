import type { Dialect, StorageKind } from '../../store/dialect.js';
import type { Row } from '../../store/store.js';
import type { Collection, Field } from '../collection.js';
import { getFieldType } from '../fields/index.js';

export interface ColumnPlan {
  name: string;
  kind: StorageKind;
  zero: unknown;
}

/** The stored columns of a table collection, with their storage kinds. */
export function columnsOf(c: Collection): ColumnPlan[] {
  return c.fields.map((f: Field) => {
    const t = getFieldType(f.type);
    return { name: f.name, kind: t.storage(f), zero: t.zero(f) };
  });
}

/**
 * One stored value as the target stores it. JSON text is carried over as it is (both databases
 * keep JSON as text), so the bytes the API wrote come back unchanged.
 */
export function targetValue(target: Dialect, source: Dialect, col: ColumnPlan, raw: unknown): unknown {
  if (raw === undefined) return target.encode(col.kind, col.zero);
  if (col.kind === 'json') return raw === null ? null : String(raw);
  return target.encode(col.kind, source.decode(col.kind, raw));
}

/** Sorts object keys so equal JSON values print alike. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/** A record's values in a form both databases agree on, for the checksums. */
export function comparableRow(dialect: Dialect, cols: readonly ColumnPlan[], row: Row): string {
  return JSON.stringify(cols.map((c) => canonical(dialect.decode(c.kind, row[c.name]))));
}
