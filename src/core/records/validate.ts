import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { type Collection, type Field, isMultiple } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData } from '../request.js';
import { type ErrorData, type FieldError, V } from '../validation.js';

const DEFAULT_ID_PATTERN = '^[a-z0-9]+$';
const FORBIDDEN_ID_CHARS = /[./\\|"'`<>:?*%$\0\t\r\n ]/;
const RESERVED_ID_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/** Extra checks of a client-supplied id when the id field's pattern was customised. */
function checkCustomId(field: Field, id: string): FieldError | null {
  if (String(field.pattern ?? '') === DEFAULT_ID_PATTERN) return null;
  if (FORBIDDEN_ID_CHARS.test(id) || RESERVED_ID_NAMES.test(id)) return V.pkInvalid();
  return null;
}

/**
 * Validates every field of a record. `skip` lists fields not to check (e.g. an unchanged password hash).
 * Returns errors keyed by field name.
 */
export function validateFields(
  collection: Collection,
  data: RecordData,
  isNew: boolean,
  skip: ReadonlySet<string> = new Set(),
): ErrorData {
  const errors: ErrorData = {};
  for (const f of collection.fields) {
    if (skip.has(f.name) || f.type === 'autodate') continue;
    const err = getFieldType(f.type).validate(f, data[f.name], { collection, isNew });
    if (err) errors[f.name] = err;
    else if (f.name === 'id' && isNew) {
      const idErr = checkCustomId(f, String(data.id ?? ''));
      if (idErr) errors.id = idErr;
    }
  }
  return errors;
}

/** Checks that every relation id points to an existing record; adds `validation_missing_rel_records` errors. */
export async function validateRelations(
  app: App,
  db: Queryable,
  collection: Collection,
  data: RecordData,
  fields: Iterable<string>,
  errors: ErrorData,
): Promise<void> {
  for (const name of fields) {
    if (errors[name]) continue;
    const f = collection.fields.find((x) => x.name === name);
    if (f?.type !== 'relation') continue;
    const value = data[name];
    const ids = (isMultiple(f) ? (value as string[]) : value ? [value as string] : []).filter((x) => x !== '');
    if (ids.length === 0) continue;
    const target = app.collections.find(String(f.collectionId ?? ''));
    if (!target) {
      errors[name] = V.missingRelRecords();
      continue;
    }
    const unique = [...new Set(ids)];
    const row = await db.get<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM ${sql.id(target.name)} WHERE ${sql.id('id')} IN (${sql.list(unique)})`,
    );
    if (Number(row?.n ?? 0) !== unique.length) errors[name] = V.missingRelRecords();
  }
}
