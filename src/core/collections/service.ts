import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors, isApiError } from '../errors.js';
import { removeCollectionFilesAfterCommit, removeRecordFilesAfterCommit } from '../files/removal.js';
import { buildNewCollection, buildUpdatedCollection } from './build.js';
import { Catalog } from './catalog.js';
import { collectionChanged } from './change-events.js';
import { collectionsTransaction, reloadAfterCommit } from './changes.js';
import { asInput } from './input.js';
import { collectionToJSON } from './json.js';
import { persistCollection } from './persist.js';
import { blockingReferences } from './references.js';
import { collectionScaffolds, newSecret } from './scaffolds.js';
import { runSchemaChange, throwIfInvalid } from './schema-change.js';
import { SUPERUSERS } from './system.js';
import { truncateRecords } from './truncate.js';
import { validateCollection } from './validate.js';
import { refreshDependentViews } from './view-refresh.js';

export { importCollections } from './import.js';
export { collectionToJSON } from './json.js';
export { listCollections } from './list.js';

/** The collection by id (exact) or name (case-insensitive); 404 when there is none. */
export function getCollection(app: App, idOrName: string): Collection {
  const c = app.collections.find(idOrName);
  if (!c) throw Errors.notFound();
  return c;
}

/** The registry's copy after a reload, or the saved value when it is somehow missing. */
function fresh(app: App, saved: Collection): Collection {
  return app.collections.find(saved.id) ?? saved;
}

/**
 * Creates a collection from submitted JSON (scaffold of its type + submitted keys), on `db`: the
 * store, or a caller's transaction to compose with (the registry then reloads after its commit).
 */
export async function createCollection(app: App, body: unknown, db: Queryable = app.store): Promise<Collection> {
  const input = asInput(body);
  const saved = await runSchemaChange(
    app,
    'create',
    async (s) => {
      const next = buildNewCollection(input, s.catalog);
      if (!s.catalog.byId(next.id)) s.catalog.put(next);
      throwIfInvalid(await validateCollection(next, null, s));
      await persistCollection(s.tx, null, next);
      collectionChanged(app, s.tx, null, next);
      return next;
    },
    db,
  );
  return fresh(app, saved);
}

/** Updates a collection with partial JSON; a sent `fields` list replaces the stored one. Runs on `db`. */
export async function updateCollection(
  app: App,
  idOrName: string,
  body: unknown,
  db: Queryable = app.store,
): Promise<Collection> {
  if (!db.inTransaction) getCollection(app, idOrName);
  const input = asInput(body);
  const saved = await runSchemaChange(
    app,
    'update',
    async (s) => {
      const existing = s.catalog.copy(idOrName);
      if (!existing) throw Errors.notFound();
      const next = buildUpdatedCollection(existing, input);
      if (next.id === existing.id) s.catalog.put(next);
      throwIfInvalid(await validateCollection(next, existing, s));
      if (next.auth && existing.auth && (next.auth.authRule ?? null) !== (existing.auth.authRule ?? null)) {
        next.auth.authToken.secret = newSecret();
      }
      await persistCollection(s.tx, existing, next);
      await refreshDependentViews(s, [next]);
      collectionChanged(app, s.tx, existing, next);
      return next;
    },
    db,
  );
  return fresh(app, saved);
}

/** Deletes a collection and its table/view; refused for system collections and referenced ones. Runs on `db`. */
export async function deleteCollection(app: App, idOrName: string, db: Queryable = app.store): Promise<void> {
  if (!db.inTransaction) getCollection(app, idOrName);
  await collectionsTransaction(
    app,
    async (tx) => {
      const catalog = await Catalog.load(tx);
      const c = catalog.find(idOrName);
      if (!c) throw Errors.notFound();
      if (c.system) throw Errors.deleteCollectionFailed();
      const refs = blockingReferences(c, catalog.all());
      if (refs.length > 0) throw Errors.deleteCollectionFailed(refs);
      try {
        await persistCollection(tx, c, null);
        if (c.type !== 'view') removeCollectionFilesAfterCommit(app, tx, c.id);
      } catch (err) {
        app.log.warn({ err }, 'collection delete failed');
        throw Errors.deleteCollectionFailed();
      }
      collectionChanged(app, tx, c, null);
    },
    db,
  );
  await reloadAfterCommit(app, db);
}

/** Deletes every record of a collection, applying the relation delete semantics to references. Runs on `db`. */
export async function truncateCollection(app: App, idOrName: string, db: Queryable = app.store): Promise<void> {
  const c = getCollection(app, idOrName);
  if (c.type === 'view') throw Errors.truncateViewCollection();
  if (c.system && c.name === SUPERUSERS) throw Errors.truncateCollectionFailed();
  try {
    await db.transaction(async (tx) => {
      const catalog = await Catalog.load(tx);
      const target = catalog.find(c.id);
      if (!target) throw Errors.notFound();
      const deleted = await truncateRecords(tx, catalog.all(), target);
      removeCollectionFilesAfterCommit(app, tx, target.id);
      for (const [id, ids] of deleted) {
        const other = id === target.id ? undefined : catalog.find(id);
        if (other) removeRecordFilesAfterCommit(app, tx, other, [...ids]);
      }
    });
  } catch (err) {
    if (isApiError(err)) throw err;
    app.log.warn({ err }, 'collection truncate failed');
    throw Errors.truncateCollectionFailed();
  }
}

/** The three scaffolds as API JSON. */
export function scaffolds(): Record<string, Record<string, unknown>> {
  const s = collectionScaffolds();
  return { auth: collectionToJSON(s.auth), base: collectionToJSON(s.base), view: collectionToJSON(s.view) };
}
