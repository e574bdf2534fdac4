import { IndexCreateError } from '../../store/schema-spec.js';
import type { Migrator, Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { type ApiError, Errors, isApiError } from '../errors.js';
import { type ErrorData, hasErrors, V } from '../validation.js';
import { Catalog } from './catalog.js';
import { collectionsTransaction, reloadAfterCommit } from './changes.js';

/** Validation failed; `data` is the nested error map. */
class SchemaValidationError extends Error {
  constructor(readonly data: ErrorData) {
    super('collection validation failed');
  }
}

export function throwIfInvalid(data: ErrorData): void {
  if (hasErrors(data)) throw new SchemaValidationError(data);
}

export interface SchemaTx {
  app: App;
  tx: Queryable;
  migrator: Migrator;
  catalog: Catalog;
}

export type SchemaAction = 'create' | 'update';

const failed = (action: SchemaAction, data: ErrorData): ApiError =>
  action === 'create' ? Errors.createCollectionFailed(data) : Errors.updateCollectionFailed(data);

/**
 * Runs a collection create/update in one transaction on `db` (the store, or a caller's transaction)
 * with the stored collections loaded, maps validation and index-build failures to `Failed to
 * create/update collection.` with their data and any other failure to the raw-error message, and
 * reloads the registry after the commit.
 */
export async function runSchemaChange<T>(
  app: App,
  action: SchemaAction,
  fn: (s: SchemaTx) => Promise<T>,
  db: Queryable = app.store,
): Promise<T> {
  let out: T;
  try {
    out = await collectionsTransaction(
      app,
      async (tx) => {
        const catalog = await Catalog.load(tx);
        return fn({ app, tx, migrator: tx.migrator, catalog });
      },
      db,
    );
  } catch (err) {
    if (isApiError(err)) throw err;
    if (err instanceof SchemaValidationError) throw failed(action, err.data);
    if (err instanceof IndexCreateError) {
      const indexes: ErrorData = {};
      for (const f of err.failures) indexes[f.position] = V.indexCreateFailed(f.indexName, f.reason);
      throw failed(action, { indexes });
    }
    app.log.warn({ err }, `collection ${action} failed`);
    throw Errors.collectionRawFailure(action, err instanceof Error ? err.message : String(err));
  }
  await reloadAfterCommit(app, db);
  return out;
}
