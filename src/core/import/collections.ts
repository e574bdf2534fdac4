import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { collectionsTransaction } from '../collections/changes.js';
import { persistCollection } from '../collections/persist.js';
import { loadCollections } from '../collections/rows.js';

/** Tables before views (a view reads tables), each group oldest first, as they were created. */
export function inCreationOrder(list: readonly Collection[]): Collection[] {
  return [...list.filter((c) => c.type !== 'view'), ...list.filter((c) => c.type === 'view')];
}

async function hasRows(tx: Queryable, c: Collection): Promise<boolean> {
  if (c.type === 'view') return false;
  return (await tx.get(sql`SELECT 1 AS found FROM ${sql.id(c.name)} LIMIT 1`)) !== undefined;
}

/**
 * Puts one source collection in the target: updates the collection with its id, replaces a
 * same-named one with another id (only while that one is still empty: a fresh install's
 * `users`, say), or creates it.
 */
async function applyOne(tx: Queryable, existing: readonly Collection[], c: Collection): Promise<void> {
  const sameId = existing.find((e) => e.id === c.id);
  if (sameId) {
    await persistCollection(tx, sameId, structuredClone(c));
    return;
  }
  const sameName = existing.find((e) => e.name.toLowerCase() === c.name.toLowerCase());
  if (sameName) {
    if (await hasRows(tx, sameName)) {
      throw new Error(
        `the target already has a collection "${sameName.name}" (id ${sameName.id}) holding records; the source's has id ${c.id}`,
      );
    }
    await persistCollection(tx, sameName, null);
  }
  await persistCollection(tx, null, structuredClone(c));
}

/**
 * Creates or updates every source collection in the target, with the same ids, fields, rules,
 * indexes and options. Tables go in one transaction; each view in its own savepoint, so a view
 * whose query the target database cannot run is reported (name → error) without undoing the rest.
 */
export async function applyCollections(
  target: App,
  source: readonly Collection[],
  progress: (done: number) => void,
): Promise<Record<string, string>> {
  const failed: Record<string, string> = {};
  await collectionsTransaction(target, async (tx) => {
    let done = 0;
    for (const c of inCreationOrder(source)) {
      const existing = await loadCollections(tx);
      if (c.type !== 'view') await applyOne(tx, existing, c);
      else {
        try {
          await tx.transaction((sp) => applyOne(sp, existing, c));
        } catch (err) {
          failed[c.name] = err instanceof Error ? err.message : String(err);
        }
      }
      progress(++done);
    }
  });
  await target.reloadCollections();
  return failed;
}
