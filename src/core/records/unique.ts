import type { UniqueViolation } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { uniqueViolationFields } from '../collections/index-def.js';
import { type ErrorData, V } from '../validation.js';

/** A unique-constraint failure → `validation_not_unique` on each field involved (on `id` when none is known). */
export function uniqueViolationErrors(collection: Collection, err: UniqueViolation): ErrorData {
  const data: ErrorData = {};
  for (const name of uniqueViolationFields(collection, err)) data[name] = V.notUnique();
  if (Object.keys(data).length === 0) data.id = V.notUnique();
  return data;
}
