import { type IndexDef, indexSignature, parseIndex } from '../../lib/sql-index.js';
import type { Migrator, Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { type ErrorData, type FieldError, V } from '../validation.js';
import { findSingleColumnUniqueIndex } from './index-def.js';

/** What is enforced by a unique index: its columns without collation, order, name or condition. */
function uniqueShape(def: IndexDef): string {
  const cols = def.columns.map((c) => c.name.toLowerCase()).join(',');
  return `${def.unique ? 'u' : 'i'}:${cols}`;
}

/** Existing UNIQUE indexes over system fields must stay (same columns, still unique). */
function systemUniqueKept(next: Collection, original: Collection): FieldError | null {
  const kept = new Set(
    next.indexes
      .map(parseIndex)
      .filter((d): d is IndexDef => d !== null)
      .map(uniqueShape),
  );
  for (const sql of original.indexes) {
    const old = parseIndex(sql);
    if (!old?.unique) continue;
    const systemField = original.fields.find(
      (f) => f.system && old.columns.some((c) => c.name.toLowerCase() === f.name.toLowerCase()),
    );
    if (systemField && !kept.has(uniqueShape(old))) return V.uniqueSystemFieldIndex(systemField.name);
  }
  return null;
}

/**
 * The `indexes` checks (valid statements, names unique across collections, no duplicate definition,
 * none on views, required unique indexes kept); the first failing check is the one reported.
 */
export async function validateIndexes(
  tx: Queryable,
  migrator: Migrator,
  next: Collection,
  original: Collection | null,
  others: readonly Collection[],
): Promise<FieldError | ErrorData | null> {
  if (next.type === 'view') return next.indexes.length > 0 ? V.indexesNotSupported() : null;
  const names = new Set<string>();
  const signatures = new Set<string>();
  const ownTables = new Set([next.name.toLowerCase(), (original?.name ?? next.name).toLowerCase()]);
  for (const [i, sql] of next.indexes.entries()) {
    const def = parseIndex(sql);
    if (!def || def.columns.length === 0) return { [i]: V.invalidIndex() };
    const lower = def.name.toLowerCase();
    if (names.has(lower)) return { [i]: V.duplicatedIndexName() };
    names.add(lower);
    const usedBy =
      others.find((c) => c.indexes.some((o) => parseIndex(o)?.name.toLowerCase() === lower))?.name ??
      (await migrator.indexTable(tx, def.name));
    if (usedBy && !ownTables.has(usedBy.toLowerCase())) return { [i]: V.existingIndexName(usedBy) };
    const signature = indexSignature(def);
    if (signatures.has(signature)) return { [i]: V.duplicatedIndexDefinition() };
    signatures.add(signature);
  }
  if (original) {
    const err = systemUniqueKept(next, original);
    if (err) return err;
  }
  if (next.type === 'auth') {
    for (const name of ['tokenKey', 'email']) {
      if (!findSingleColumnUniqueIndex(next.indexes, name)) return V.missingRequiredUniqueIndex(name);
    }
  }
  return null;
}
