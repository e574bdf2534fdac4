/**
 * The record API operations as request events: each runs its service call and presentation as the
 * action of its event, so handlers can act before, after or instead of it. The HTTP layer (and
 * the batch runner, core/batch/run.ts) sends `e.response`.
 */

import type { Hook } from '../../lib/hook.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { collectionTags, type RecordUpdateRequestEvent } from '../events.js';
import type { ListQuery } from '../list-params.js';
import type { RecordData, RequestInfo } from '../request.js';
import { highlightItems } from '../search/highlight.js';
import { searchWords } from '../search/words.js';
import { deleteRecord } from './delete.js';
import { presentRecord, presentRecords } from './present.js';
import { listRecords, viewRecord } from './read.js';
import { createRecord, type SubmittedData, updateRecord } from './write.js';

const unset = async (): Promise<void> => {};

/** `GET /records`: the page of records as JSON. */
export async function listRecordsRequest(
  app: App,
  collection: Collection,
  query: ListQuery,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<unknown> {
  const e = { collection, info, query, response: undefined as unknown, next: unset };
  await app.events.onRecordsListRequest.trigger(
    e,
    async () => {
      const result = await listRecords(app, collection, e.query, info, db);
      const items = await presentRecords(app, collection, result.items, info, { expand: e.query.expand });
      highlightItems(collection, items, e.query.fields, searchWords(e.query.search));
      e.response = { ...result, items };
    },
    collectionTags(collection),
  );
  return e.response;
}

/** `GET /records/{id}`: the record as JSON. */
export async function viewRecordRequest(
  app: App,
  collection: Collection,
  id: string,
  query: ListQuery,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<unknown> {
  const e = { collection, info, id, record: null as RecordData | null, response: undefined as unknown, next: unset };
  await app.events.onRecordViewRequest.trigger(
    e,
    async () => {
      e.record = await viewRecord(app, collection, e.id, info, db);
      e.response = await presentRecord(app, collection, e.record, info, { expand: query.expand });
    },
    collectionTags(collection),
  );
  return e.response;
}

/** `POST /records` (no id) or `PATCH /records/{id}`: the stored record as JSON. */
async function writeRecordRequest(
  app: App,
  collection: Collection,
  id: string | null,
  submitted: SubmittedData,
  expand: string | undefined,
  info: RequestInfo,
  db: Queryable,
): Promise<unknown> {
  const e: RecordUpdateRequestEvent = {
    collection,
    info,
    id: id ?? '',
    data: submitted.data,
    files: submitted.files,
    expand,
    record: null,
    response: undefined,
    next: unset,
  };
  // the update event is the create event plus an id: create handlers receive it with id ''
  const hook = (
    id === null ? app.events.onRecordCreateRequest : app.events.onRecordUpdateRequest
  ) as Hook<RecordUpdateRequestEvent>;
  await hook.trigger(
    e,
    async () => {
      const input = { data: e.data, files: e.files };
      e.record =
        id === null
          ? await createRecord(app, collection, input, info, db)
          : await updateRecord(app, collection, e.id, input, info, db);
      e.response = await presentRecord(app, collection, e.record, info, { expand: e.expand });
    },
    collectionTags(collection),
  );
  return e.response;
}

/** `POST /records`: the created record as JSON. */
export function createRecordRequest(
  app: App,
  collection: Collection,
  submitted: SubmittedData,
  expand: string | undefined,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<unknown> {
  return writeRecordRequest(app, collection, null, submitted, expand, info, db);
}

/** `PATCH /records/{id}`: the updated record as JSON. */
export function updateRecordRequest(
  app: App,
  collection: Collection,
  id: string,
  submitted: SubmittedData,
  expand: string | undefined,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<unknown> {
  return writeRecordRequest(app, collection, id, submitted, expand, info, db);
}

/** `DELETE /records/{id}`: nothing to answer with unless a handler sets a response. */
export async function deleteRecordRequest(
  app: App,
  collection: Collection,
  id: string,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<unknown> {
  const e = { collection, info, id, record: null as RecordData | null, response: undefined as unknown, next: unset };
  await app.events.onRecordDeleteRequest.trigger(
    e,
    async () => {
      e.record = await deleteRecord(app, collection, e.id, info, db);
    },
    collectionTags(collection),
  );
  return e.response;
}
