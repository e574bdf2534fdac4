import { nowDate } from '../../lib/time.js';
import type { Collection } from '../collection.js';
import { persistCollection } from './persist.js';
import type { SchemaTx } from './schema-change.js';
import { createViewFields, viewSourceNames } from './view-schema.js';

/**
 * Regenerates the fields of the views that read from one of `changed` (e.g. a field became
 * multiple). A view whose query no longer works is left as it is, so it can be fixed later.
 */
export async function refreshDependentViews(s: SchemaTx, changed: readonly Collection[]): Promise<void> {
  const names = new Set(changed.map((c) => c.name.toLowerCase()));
  const skip = new Set(changed.map((c) => c.id));
  for (const view of s.catalog.all()) {
    if (view.type !== 'view' || skip.has(view.id)) continue;
    if (!viewSourceNames(view).some((n) => names.has(n.toLowerCase()))) continue;
    try {
      await s.tx.transaction(async (sp) => {
        const fields = await createViewFields(sp, s.migrator, view.viewQuery ?? '', s.catalog);
        if (JSON.stringify(fields) === JSON.stringify(view.fields)) return;
        const next = { ...structuredClone(view), fields, updated: nowDate() };
        await persistCollection(sp, view, next);
        s.catalog.put(next);
      });
    } catch (err) {
      s.app.log.warn({ err, view: view.name }, 'could not refresh a dependent view');
    }
  }
}
