import type { Collection, Field } from '../collection.js';
import { viewSourceNames } from './view-schema.js';

/** Relation fields of `among` (other collections than `target` itself) that point to `target`. */
export function relationsTo(
  target: Collection,
  among: readonly Collection[],
): Array<{ collection: Collection; field: Field }> {
  const out: Array<{ collection: Collection; field: Field }> = [];
  for (const c of among) {
    if (c.id === target.id) continue;
    for (const f of c.fields) {
      if (f.type === 'relation' && f.collectionId === target.id) out.push({ collection: c, field: f });
    }
  }
  return out;
}

/** Names of the collections that keep `target` from being deleted: relation references and dependent views. */
export function blockingReferences(target: Collection, among: readonly Collection[]): string[] {
  const names = new Set(relationsTo(target, among).map((r) => r.collection.name));
  const lower = target.name.toLowerCase();
  for (const c of among) {
    if (c.id === target.id || c.type !== 'view') continue;
    if (viewSourceNames(c).some((n) => n.toLowerCase() === lower)) names.add(c.name);
  }
  return [...names];
}
