import type { Collection, Field } from '../collection.js';
import { newCollection } from './scaffolds.js';

/**
 * A system table (logs, audit, approvals) seen as a collection, so the filter language compiles
 * against it: `json` columns can be reached into (`data.status >= 400`). Never registered: no other
 * collection can see it, and filters on it see no other collection.
 */
export function tableAsCollection(table: string, columns: ReadonlyArray<readonly [string, Field['type']]>): Collection {
  return Object.freeze({
    ...newCollection('base', table, table),
    system: true,
    fields: columns.map(
      ([name, type]): Field => ({ id: name, name, type, system: true, hidden: false, presentable: false }),
    ),
  });
}
