/** Request hooks: the public event built over the core event of one record API operation. */

import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { collectionToJSON } from '../core/collections/json.js';
import type { CustomResponse } from '../core/custom-response.js';
import { findRecordById } from '../core/records/lookup.js';
import type { RequestInfo as CoreInfo, RecordData } from '../core/request.js';
import { RecordModel } from './record.js';
import { responder } from './responder.js';
import { authRecord, publicInfo } from './routes.js';
import type { CollectionModel, RecordRequestEvent } from './types.js';

/** The fields the record request events of the catalogue share (each has some of the optional ones). */
export interface CoreRequestEvent {
  collection: Collection;
  info: CoreInfo;
  response: unknown;
  id?: string;
  data?: Record<string, unknown>;
  record?: RecordData | null;
  authMethod?: string;
  meta?: Record<string, unknown> | undefined;
  next(): Promise<void>;
}

export type RequestKind = 'list' | 'view' | 'create' | 'update' | 'delete' | 'auth';

/** The record before `next()`: what will be written (create, update), the signed-in record (auth). */
async function recordBefore(app: App, kind: RequestKind, core: CoreRequestEvent): Promise<RecordModel | null> {
  const c = core.collection;
  if (kind === 'create' && core.data) return new RecordModel(c, core.data, true);
  if (kind === 'update' && core.data) {
    const stored = await findRecordById(app.store, c, core.id ?? '');
    return stored ? new RecordModel(c, { ...stored, ...core.data }, false, core.data) : null;
  }
  if (kind === 'auth' && core.record) return new RecordModel(c, core.record, false);
  return null;
}

/** Builds the public event; `next()` passes the core event on and then shows the stored record. */
export async function requestEvent(app: App, kind: RequestKind, core: CoreRequestEvent): Promise<RecordRequestEvent> {
  let collection: CollectionModel | undefined;
  const e: RecordRequestEvent & { authMethod?: string; meta?: unknown } = {
    ...responder((r: CustomResponse) => {
      core.response = r;
    }),
    get collection() {
      collection ??= collectionToJSON(core.collection) as CollectionModel;
      return collection;
    },
    auth: authRecord(core.info.requester),
    hasSuperuserAuth: () => core.info.requester.isSuperuser,
    requestInfo: () => publicInfo(core.info),
    record: await recordBefore(app, kind, core),
    id: core.id ?? '',
    get response() {
      return core.response;
    },
    set response(value: unknown) {
      core.response = value;
    },
    next: async () => {
      await core.next();
      if (core.record) e.record = new RecordModel(core.collection, core.record, false);
    },
  };
  if (kind === 'auth') {
    e.authMethod = core.authMethod ?? '';
    e.meta = core.meta;
  }
  return e;
}
