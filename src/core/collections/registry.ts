import type { Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { loadCollections } from './rows.js';

/**
 * Collections kept in memory, looked up by id (exact) or name (case-insensitive).
 * `version` changes on every reload, so caches keyed by it (compiled rules, SQL) invalidate.
 */
export class CollectionRegistry {
  private byId = new Map<string, Collection>();
  private byName = new Map<string, Collection>();
  version = 0;

  async load(db: Queryable): Promise<void> {
    this.replace(await loadCollections(db));
  }

  replace(list: Collection[]): void {
    this.byId = new Map();
    this.byName = new Map();
    for (const c of list) {
      Object.freeze(c);
      this.byId.set(c.id, c);
      this.byName.set(c.name.toLowerCase(), c);
    }
    this.version++;
  }

  find(idOrName: string): Collection | undefined {
    return this.byId.get(idOrName) ?? this.byName.get(idOrName.toLowerCase());
  }

  all(): Collection[] {
    return [...this.byId.values()];
  }
}
