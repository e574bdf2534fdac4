import { IndexCreateError } from '../../store/schema-spec.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors, isApiError } from '../errors.js';
import { type ErrorData, hasErrors, V } from '../validation.js';
import { buildNewCollection, buildUpdatedCollection } from './build.js';
import { Catalog } from './catalog.js';
import { collectionChanged } from './change-events.js';
import { collectionsTransaction, reloadAfterCommit } from './changes.js';
import { type Input, isPlainObject } from './input.js';
import { persistCollection, saveCollectionRow } from './persist.js';
import { type ValidateContext, validateCollection } from './validate.js';
import { refreshDependentViews } from './view-refresh.js';

interface Planned {
  next: Collection;
  original: Collection | null;
}

class ImportFailure extends Error {}

const failure = (detail: string) =>
  Errors.importCollectionsFailed({ collections: V.collectionsImportFailureDetail(detail) });

/** Existing fields the entry left out are kept: system ones always, the others unless deleteMissing. */
function keepExistingFields(c: Collection, existing: Collection, deleteMissing: boolean): void {
  for (const f of existing.fields) {
    if (!f.system && deleteMissing) continue;
    if (c.fields.some((x) => x.id === f.id)) continue;
    const sameName = c.fields.find((x) => x.name === f.name && x.type === f.type);
    if (sameName) sameName.id = f.id;
    else if (f.primaryKey === true) c.fields.unshift(structuredClone(f));
    else c.fields.push(structuredClone(f));
  }
}

function plan(entry: Input, catalog: Catalog, deleteMissing: boolean): Planned {
  const identifier =
    typeof entry.id === 'string' && entry.id !== '' ? entry.id : typeof entry.name === 'string' ? entry.name : '';
  const existing = identifier ? catalog.copy(identifier) : undefined;
  if (!existing) {
    const next = buildNewCollection(entry, catalog);
    catalog.put(next);
    return { next, original: null };
  }
  const data =
    deleteMissing && (entry.fields === undefined || entry.fields === null) ? { ...entry, fields: [] } : entry;
  const next = buildUpdatedCollection(existing, data, (c) => keepExistingFields(c, existing, deleteMissing));
  next.id = existing.id;
  catalog.put(next);
  return { next, original: existing };
}

async function validated(item: Planned, ctx: ValidateContext): Promise<void> {
  const errors: ErrorData = await validateCollection(item.next, item.original, ctx);
  if (!hasErrors(errors)) return;
  const detail = JSON.stringify(errors, null, 2);
  throw new ImportFailure(`Data validations failed for collection "${item.next.name}" (${item.next.id}):\n${detail}`);
}

/**
 * Imports collection definitions in one transaction: entries match stored collections by id, then
 * name; matches are overwritten, the rest created. With `deleteMissing`, non-system collections
 * and non-system fields absent from the payload are deleted. Runs on `db`: the store, or a caller's
 * transaction to compose with (the registry then reloads after its commit).
 */
export async function importCollections(
  app: App,
  list: unknown,
  deleteMissing: boolean,
  db: Queryable = app.store,
): Promise<void> {
  if (list !== undefined && list !== null && !Array.isArray(list)) throw Errors.invalidCollectionFormatting();
  const entries = (list ?? []) as unknown[];
  if (entries.length === 0) throw Errors.validateSubmittedData({ collections: V.required() });
  if (!entries.every(isPlainObject)) throw Errors.invalidCollectionFormatting();
  try {
    await collectionsTransaction(
      app,
      async (tx) => {
        const catalog = await Catalog.load(tx);
        const stored = catalog.all();
        const planned = entries.map((entry) => plan(entry, catalog, deleteMissing));
        const ctx: ValidateContext = { app, tx, migrator: tx.migrator, catalog };
        if (deleteMissing) {
          const kept = new Set(planned.map((p) => p.next.id));
          for (const c of stored) {
            if (kept.has(c.id) || c.system) continue;
            catalog.remove(c.id);
            await persistCollection(tx, c, null);
            collectionChanged(app, tx, c, null);
          }
        }
        const tables = planned.filter((p) => p.next.type !== 'view');
        const views = planned.filter((p) => p.next.type === 'view');
        for (const p of tables) await persistCollection(tx, p.original, p.next);
        for (const p of views) {
          await validated(p, ctx);
          await persistCollection(tx, p.original, p.next);
        }
        for (const p of tables) {
          await validated(p, ctx);
          await saveCollectionRow(tx, p.next, false);
        }
        await refreshDependentViews(
          ctx,
          planned.map((p) => p.next),
        );
        for (const p of planned) collectionChanged(app, tx, p.original, p.next);
      },
      db,
    );
  } catch (err) {
    if (isApiError(err)) throw err;
    if (err instanceof ImportFailure) throw failure(err.message);
    if (err instanceof IndexCreateError) throw failure(err.message);
    app.log.warn({ err }, 'collections import failed');
    throw failure(err instanceof Error ? err.message : String(err));
  }
  await reloadAfterCommit(app, db);
}
