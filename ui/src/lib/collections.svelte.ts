import type { CollectionModel } from 'pocketbase';
import { failureOf } from './errors';
import { pb } from './pb';

/** Every collection, shared by the sidebar, the editors and the relation options; reloaded after changes. */
export const catalog = $state({ items: [] as CollectionModel[], loaded: false, error: '' });

export async function loadCollections(): Promise<void> {
  try {
    catalog.items = await pb.collections.getFullList({ sort: 'name' });
    catalog.error = '';
  } catch (err) {
    catalog.error = failureOf(err).message;
  }
  catalog.loaded = true;
}

export function findCollection(nameOrId: string): CollectionModel | undefined {
  return catalog.items.find((c) => c.name === nameOrId || c.id === nameOrId);
}
