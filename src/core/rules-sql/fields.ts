import type { Collection, Field } from '../collection.js';
import { isMultiple } from '../collection.js';

/** The record id column; collections always store it even when a test double omits the field. */
const ID_FIELD: Field = Object.freeze({
  id: 'text3208210256',
  name: 'id',
  type: 'text',
  system: true,
  hidden: false,
  presentable: false,
  primaryKey: true,
});

/** A field by its exact name, else case-insensitively (SQLite column names ignore case). */
export function findField(collection: Collection, name: string): Field | undefined {
  const exact = collection.fields.find((f) => f.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const loose = collection.fields.find((f) => f.name.toLowerCase() === lower);
  if (loose) return loose;
  return lower === 'id' ? ID_FIELD : undefined;
}

/** select, file and relation fields: single or multiple, they take `:each` and `:length`. */
export function isListField(field: Field): boolean {
  return field.type === 'select' || field.type === 'file' || field.type === 'relation';
}

export function isMultiList(field: Field): boolean {
  return isListField(field) && isMultiple(field);
}

/** Fields whose path continues as a JSON path (`meta.a.0`, `location.lat`). */
export function isJsonField(field: Field): boolean {
  return field.type === 'json' || field.type === 'geoPoint';
}

export function relationTarget(field: Field): string {
  return typeof field.collectionId === 'string' ? field.collectionId : '';
}
