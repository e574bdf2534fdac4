import { buildIndex, parseIndex, withIndexTable } from '../../lib/sql-index.js';
import { nowDate } from '../../lib/time.js';
import type { Collection, CollectionType } from '../collection.js';
import { Errors } from '../errors.js';
import type { Catalog } from './catalog.js';
import { collectionIdChecksum, withNumericSuffix } from './ids.js';
import { COLLECTION_TYPES, type Input, inputType, overlayCollection } from './input.js';
import { ensureSystemFields, newCollection } from './scaffolds.js';
import { enforceSuperusersOptions } from './system.js';

/** Mapped OAuth2 fields that name no field are blanked. */
function unsetMissingMappedFields(c: Collection): void {
  const mapped = c.auth?.oauth2.mappedFields;
  if (!mapped) return;
  for (const key of ['id', 'name', 'username', 'avatarURL'] as const) {
    if (mapped[key] && !c.fields.some((f) => f.name === mapped[key])) mapped[key] = '';
  }
}

/** Normalisations applied on every save: system fields, auth option rules, index table names, timestamps. */
function finalizeCollection(c: Collection, original: Collection | null): void {
  ensureSystemFields(c, original ?? undefined);
  if (c.type === 'auth') {
    unsetMissingMappedFields(c);
    enforceSuperusersOptions(c);
  }
  c.indexes = c.indexes.map((sql) => withIndexTable(sql, c.name));
  const now = nowDate();
  if (!original) c.created = now;
  c.updated = now;
}

/** Replaces `from` by `to` inside the index names (when the generated id changed). */
function renameIdInIndexes(c: Collection, from: string, to: string): void {
  if (!from || from === to) return;
  c.indexes = c.indexes.map((sql) => {
    const def = parseIndex(sql);
    if (!def?.name.includes(from)) return sql;
    return buildIndex({ ...def, name: def.name.replaceAll(from, to) });
  });
}

/**
 * A new collection from submitted JSON: the type's scaffold with the submitted keys on top.
 * Without an explicit id the id is `pbc_<crc32(type+name)>`, suffixed 2, 3… when taken.
 */
export function buildNewCollection(input: Input, catalog: Catalog): Collection {
  const type = inputType(input, 'base');
  const known = (COLLECTION_TYPES as readonly string[]).includes(type);
  if (input.id !== undefined && input.id !== null && typeof input.id !== 'string')
    throw Errors.invalidCollectionFormatting();
  const explicitId = typeof input.id === 'string' && input.id !== '' ? input.id : '';
  const name = typeof input.name === 'string' ? input.name : '';
  const c = newCollection(known ? (type as CollectionType) : 'base', name, explicitId || undefined);
  if (!known) c.type = type as CollectionType;
  const generatedId = c.id;
  overlayCollection(c, input, null);
  if (!explicitId) {
    const id = withNumericSuffix(
      collectionIdChecksum(c.type, c.name),
      (candidate) => catalog.byId(candidate) !== undefined,
    );
    renameIdInIndexes(c, generatedId, id);
    c.id = id;
  }
  finalizeCollection(c, null);
  return c;
}

/**
 * The stored collection with the submitted keys on top (PATCH semantics); `extend` may adjust it
 * before the save normalisations run.
 */
export function buildUpdatedCollection(
  existing: Collection,
  input: Input,
  extend?: (c: Collection) => void,
): Collection {
  const c = structuredClone(existing);
  if (input.id !== undefined && input.id !== null) {
    if (typeof input.id !== 'string') throw Errors.invalidCollectionFormatting();
    c.id = input.id;
  }
  c.type = inputType(input, existing.type) as CollectionType;
  overlayCollection(c, input, existing);
  extend?.(c);
  finalizeCollection(c, existing);
  return c;
}
