/**
 * The data methods of the user-facing app, built on core's services only. They act with superuser
 * rights (no collection rules) but with validation and model hooks, on the transaction the calling
 * code runs in (a model hook's write, `runInTransaction`, a migration) or else on the store.
 */
import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { Catalog } from '../core/collections/catalog.js';
import { collectionToJSON } from '../core/collections/json.js';
import {
  createCollection,
  deleteCollection,
  importCollections,
  updateCollection,
} from '../core/collections/service.js';
import { Errors } from '../core/errors.js';
import { deleteRecord } from '../core/records/delete.js';
import { findRecordById } from '../core/records/lookup.js';
import { createRecord, updateRecord } from '../core/records/write.js';
import { requestInfo, SYSTEM } from '../core/request.js';
import type { Queryable } from '../store/store.js';
import { abandonedBy, type CodeContext, currentContext, MAX_WRITE_DEPTH, runInContext } from './context.js';
import { findRecords } from './find.js';
import { markSaved, RecordModel, recordState } from './record.js';
import type { CollectionModel, DataApi, FindOptions } from './types.js';

export class DataMethods implements DataApi {
  /** @internal */
  constructor(
    protected readonly core: App,
    /** a transaction every call runs in; null: the caller's context decides */
    private readonly fixedDb: Queryable | null = null,
  ) {}

  /** Where a call runs; refused once the handler that makes it was given up on. */
  protected db(): Queryable {
    const ctx = currentContext();
    const abandoned = abandonedBy(ctx);
    if (abandoned) throw new Error(`${abandoned} timed out: the data calls it makes afterwards are refused`);
    return this.fixedDb ?? ctx?.db ?? this.core.store;
  }

  /** The collection as `db` sees it: inside a transaction, with the changes made there. */
  private async collectionOn(db: Queryable, nameOrId: string): Promise<Collection> {
    if (typeof nameOrId !== 'string' || nameOrId === '') throw Errors.notFound();
    const found = db.inTransaction ? (await Catalog.load(db)).find(nameOrId) : this.core.collections.find(nameOrId);
    if (!found) throw Errors.notFound();
    return found;
  }

  /** Runs a write one level deeper in the chain of writes made by hook code; too deep is a loop. */
  private nested<T>(db: Queryable, fn: () => Promise<T>): Promise<T> {
    const ctx = currentContext();
    const depth = (ctx?.depth ?? 0) + 1;
    if (depth > MAX_WRITE_DEPTH) {
      throw new Error(
        `hooks wrote records in a loop (more than ${MAX_WRITE_DEPTH} nested writes, last by ${ctx?.label ?? 'app'})`,
      );
    }
    const next: CodeContext = { db, depth, cancelled: false, parent: ctx ?? null, label: ctx?.label ?? 'app' };
    return runInContext(next, fn);
  }

  async findRecordById(collection: string, id: string): Promise<RecordModel> {
    const db = this.db();
    const c = await this.collectionOn(db, collection);
    const data = await findRecordById(db, c, String(id));
    if (!data) throw Errors.notFound();
    return new RecordModel(c, data, false);
  }

  async findFirstRecordByFilter(
    collection: string,
    filter: string,
    params: Record<string, unknown> = {},
  ): Promise<RecordModel> {
    const [first] = await this.findRecordsByFilter(collection, filter, { params, limit: 1 });
    if (!first) throw Errors.notFound();
    return first;
  }

  async findRecordsByFilter(collection: string, filter: string, options: FindOptions = {}): Promise<RecordModel[]> {
    const db = this.db();
    const c = await this.collectionOn(db, collection);
    const rows = await findRecords(this.core, db, c, filter, options);
    return rows.map((data) => new RecordModel(c, data, false));
  }

  newRecord(collection: string, data: Record<string, unknown> = {}): RecordModel {
    if (typeof collection !== 'string' || collection === '') throw Errors.notFound();
    // a collection created earlier in the same transaction (a migration) is not registered yet: it is
    // looked up by name when the record is saved
    const c = this.core.collections.find(collection) ?? pendingCollection(collection);
    const record = new RecordModel(c, {}, true);
    record.load(data);
    return record;
  }

  async save(record: RecordModel): Promise<void> {
    const db = this.db();
    const s = recordState(record);
    const c = await this.collectionOn(db, s.collection.id);
    const data: Record<string, unknown> = {};
    for (const name of s.changed) data[name] = s.data[name];
    const info = requestInfo(SYSTEM, { method: s.isNew ? 'POST' : 'PATCH', body: data });
    const stored = await this.nested(db, () =>
      s.isNew
        ? createRecord(this.core, c, { data, files: [] }, info, db)
        : updateRecord(this.core, c, record.id, { data, files: [] }, info, db),
    );
    markSaved(record, c, stored);
  }

  async delete(record: RecordModel): Promise<void> {
    const db = this.db();
    const c = await this.collectionOn(db, recordState(record).collection.id);
    await this.nested(db, () => deleteRecord(this.core, c, record.id, requestInfo(SYSTEM, { method: 'DELETE' }), db));
  }

  async findCollectionByNameOrId(nameOrId: string): Promise<CollectionModel> {
    return collectionToJSON(await this.collectionOn(this.db(), nameOrId)) as CollectionModel;
  }

  async saveCollection(data: Record<string, unknown>): Promise<CollectionModel> {
    const db = this.db();
    const key =
      typeof data?.id === 'string' && data.id !== '' ? data.id : typeof data?.name === 'string' ? data.name : '';
    const existing = key ? await this.collectionOn(db, key).catch(() => null) : null;
    const saved = existing
      ? await updateCollection(this.core, existing.id, data, db)
      : await createCollection(this.core, data, db);
    return collectionToJSON(saved) as CollectionModel;
  }

  async deleteCollection(nameOrId: string): Promise<void> {
    const db = this.db();
    const c = await this.collectionOn(db, nameOrId);
    await deleteCollection(this.core, c.id, db);
  }

  async importCollections(collections: readonly Record<string, unknown>[], deleteMissing = false): Promise<void> {
    await importCollections(this.core, collections, deleteMissing, this.db());
  }

  async runInTransaction<T>(fn: (tx: DataApi) => Promise<T>): Promise<T> {
    const ctx = currentContext();
    return this.db().transaction((tx) => {
      const inner: CodeContext = {
        db: tx,
        depth: ctx?.depth ?? 0,
        cancelled: false,
        parent: ctx ?? null,
        label: ctx?.label ?? 'app',
      };
      return runInContext(inner, () => fn(new DataMethods(this.core, tx)));
    });
  }
}

/** Stands for a collection known only by name until the save looks it up inside its transaction. */
function pendingCollection(name: string): Collection {
  return { id: name, name, type: 'base', fields: [], indexes: [] } as unknown as Collection;
}
