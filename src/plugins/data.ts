/**
 * The data methods of the user-facing app, built on core's services only. They act with superuser
 * rights (no collection rules) but with validation and model hooks, in the context they were made
 * for: the `e.app` of a model hook joins the write's transaction, the `tx` of `runInTransaction` and
 * a migration's `app` theirs; the app a hook file receives uses the store.
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
import { type RequestInfo, requestInfo, SYSTEM } from '../core/request.js';
import type { Queryable } from '../store/store.js';
import { abandonedBy, type CodeContext, MAX_WRITE_DEPTH, markWriter } from './context.js';
import { findRecords } from './find.js';
import { markSaved, RecordModel, recordState } from './record.js';
import type { CollectionModel, DataApi, FindOptions } from './types.js';

export class DataMethods implements DataApi {
  /** @internal */
  constructor(
    protected readonly core: App,
    /** where the calls are made from; null: code outside any handler, on the store */
    private readonly ctx: CodeContext | null = null,
  ) {}

  /** Where a call runs; refused once the handler that makes it was given up on. */
  protected db(): Queryable {
    const abandoned = abandonedBy(this.ctx);
    if (abandoned) throw new Error(`${abandoned} timed out: the data calls it makes afterwards are refused`);
    return this.ctx?.db ?? this.core.store;
  }

  /** The collection as `db` sees it: inside a transaction, with the changes made there. */
  private async collectionOn(db: Queryable, nameOrId: string): Promise<Collection> {
    if (typeof nameOrId !== 'string' || nameOrId === '') throw Errors.notFound();
    const found = db.inTransaction ? (await Catalog.load(db)).find(nameOrId) : this.core.collections.find(nameOrId);
    if (!found) throw Errors.notFound();
    return found;
  }

  /**
   * The RequestInfo of a write made from here, one level deeper in the chain of writes made by hook
   * code (the hooks it fires read the level from it); too deep is a loop.
   */
  private writeInfo(db: Queryable, partial: Parameters<typeof requestInfo>[1]): RequestInfo {
    const ctx = this.ctx;
    const depth = (ctx?.depth ?? 0) + 1;
    if (depth > MAX_WRITE_DEPTH) {
      throw new Error(
        `hooks wrote records in a loop (more than ${MAX_WRITE_DEPTH} nested writes, last by ${ctx?.label ?? 'app'})`,
      );
    }
    const info = requestInfo(SYSTEM, partial);
    markWriter(info, { db, depth, cancelled: false, parent: ctx, label: ctx?.label ?? 'app' });
    return info;
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
    const info = this.writeInfo(db, { method: s.isNew ? 'POST' : 'PATCH', body: data });
    const stored = s.isNew
      ? await createRecord(this.core, c, { data, files: [] }, info, db)
      : await updateRecord(this.core, c, record.id, { data, files: [] }, info, db);
    markSaved(record, c, stored);
  }

  async delete(record: RecordModel): Promise<void> {
    const db = this.db();
    const c = await this.collectionOn(db, recordState(record).collection.id);
    await deleteRecord(this.core, c, record.id, this.writeInfo(db, { method: 'DELETE' }), db);
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
    const ctx = this.ctx;
    return this.db().transaction((tx) => {
      const inner: CodeContext = {
        db: tx,
        depth: ctx?.depth ?? 0,
        cancelled: false,
        parent: ctx,
        label: ctx?.label ?? 'app',
      };
      return fn(new DataMethods(this.core, inner));
    });
  }
}

/** Stands for a collection known only by name until the save looks it up inside its transaction. */
function pendingCollection(name: string): Collection {
  return { id: name, name, type: 'base', fields: [], indexes: [] } as unknown as Collection;
}
