import type { App } from '../../src/core/app.js';
import type { Collection } from '../../src/core/collection.js';

export function collection(app: App, name: string): Collection {
  const c = app.collections.find(name);
  if (!c) throw new Error(`missing collection ${name}`);
  return c;
}

/** Replaces one collection in the registry with an edited deep copy. */
export function editCollection(app: App, name: string, edit: (c: Collection) => void): Collection {
  const copy = structuredClone(collection(app, name)) as Collection;
  edit(copy);
  app.collections.replace(app.collections.all().map((c) => (c.name === name ? copy : c)));
  return copy;
}

/** A response body, loosely typed so assertions can reach into nested keys. */
export type Json = Record<string, any>;

export function json(res: { body: string }): Json {
  return JSON.parse(res.body) as Json;
}
