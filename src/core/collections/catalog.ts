import type { Queryable } from '../../store/store.js';
import type { Collection } from '../collection.js';
import { loadCollections } from './rows.js';

/**
 * A mutable, private set of collections used while a schema change is worked out: the stored
 * collections with the pending changes applied, looked up by id (exact) or name (case-insensitive).
 */
export class Catalog {
  private readonly list: Collection[];

  constructor(collections: readonly Collection[]) {
    this.list = collections.map((c) => structuredClone(c));
  }

  /** The collections as stored, read through `db` (inside the caller's transaction). */
  static async load(db: Queryable): Promise<Catalog> {
    return new Catalog(await loadCollections(db));
  }

  all(): Collection[] {
    return [...this.list];
  }

  byId(id: string): Collection | undefined {
    return this.list.find((c) => c.id === id);
  }

  find(idOrName: string): Collection | undefined {
    const lower = idOrName.toLowerCase();
    return this.byId(idOrName) ?? this.list.find((c) => c.name.toLowerCase() === lower);
  }

  /** A deep copy of a stored collection, for editing. */
  copy(idOrName: string): Collection | undefined {
    const c = this.find(idOrName);
    return c ? structuredClone(c) : undefined;
  }

  put(c: Collection): void {
    const i = this.list.findIndex((x) => x.id === c.id);
    if (i >= 0) this.list[i] = c;
    else this.list.push(c);
  }

  remove(id: string): void {
    const i = this.list.findIndex((x) => x.id === id);
    if (i >= 0) this.list.splice(i, 1);
  }
}
