import type { SearchSpec } from '../../store/search.js';
import type { Collection } from '../collection.js';

/** The full-text index a collection asks for, or null (views, or no `searchFields`). */
export function searchSpecOf(c: Collection | null): SearchSpec | null {
  if (!c || c.type === 'view' || !c.searchFields || c.searchFields.length === 0) return null;
  return { key: c.id, table: c.name, columns: [...c.searchFields] };
}
