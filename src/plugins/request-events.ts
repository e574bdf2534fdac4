/** Request hooks: the public event built over the core event of one record API operation. */

import type { App } from '../core/app.js';
import type { Collection } from '../core/collection.js';
import { collectionToJSON } from '../core/collections/json.js';
import type { CustomResponse } from '../core/custom-response.js';
import { findRecordById } from '../core/records/lookup.js';
import type { RequestInfo as CoreInfo, RecordData } from '../core/request.js';
import type { CodeContext } from './context.js';
import { DataMethods } from './data.js';
import { RecordModel } from './record.js';
import { responder } from './responder.js';
import { authRecord, publicInfo } from './routes.js';
import type { CollectionModel, DataApi, RecordRequestEvent, RequestInfo } from './types.js';

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

/** The stored record an update starts from, merged with what the request changes (null: no such record). */
async function recordToUpdate(app: App, core: CoreRequestEvent): Promise<RecordModel | null> {
  const c = core.collection;
  const stored = await findRecordById(app.store, c, core.id ?? '');
  return stored ? new RecordModel(c, { ...stored, ...(core.data ?? {}) }, false, core.data) : null;
}

/**
 * The public event over the core one. A class with lazy getters rather than an object literal:
 * it is built for every request a hook sees, and most handlers read one or two of its members.
 */
class PublicRequestEvent {
  private collectionModel: CollectionModel | undefined;
  private authModel: RecordModel | null | undefined;
  private data: DataApi | undefined;
  /** the record as the handler sees it; `undefined`: not built yet */
  private recordModel: RecordModel | null | undefined;
  /** the stored record `recordModel` was built from (the core event's record changes once `next()` has run) */
  private builtFrom: RecordData | null = null;
  readonly id: string;
  authMethod?: string;
  meta?: unknown;
  /** the core event's own `next` (already bound to its call): `const { next } = e` keeps working */
  readonly next: () => Promise<void>;

  constructor(
    private readonly core: CoreRequestEvent,
    /** what the handler sees as `e.record` before the action stored one: built on first read */
    private readonly before: (() => RecordModel | null) | null,
    private readonly app_: App,
    private readonly ctx: CodeContext | null,
  ) {
    this.id = core.id ?? '';
    this.next = core.next;
  }

  get record(): RecordModel | null {
    const stored = this.core.record ?? null;
    // once the action has stored a record, a handler reading after `next()` sees that one
    if (stored && stored !== this.builtFrom) {
      this.builtFrom = stored;
      this.recordModel = new RecordModel(this.core.collection, stored, false);
    }
    if (this.recordModel === undefined) this.recordModel = this.before ? this.before() : null;
    return this.recordModel;
  }

  set record(value: RecordModel | null) {
    this.recordModel = value;
    this.builtFrom = this.core.record ?? null;
  }

  get collection(): CollectionModel {
    this.collectionModel ??= collectionToJSON(this.core.collection) as CollectionModel;
    return this.collectionModel;
  }

  get app(): DataApi {
    this.data ??= new DataMethods(this.app_, this.ctx);
    return this.data;
  }

  get auth(): RecordModel | null {
    if (this.authModel === undefined) this.authModel = authRecord(this.core.info.requester);
    return this.authModel;
  }

  get response(): unknown {
    return this.core.response;
  }

  set response(value: unknown) {
    this.core.response = value;
  }

  hasSuperuserAuth(): boolean {
    return this.core.info.requester.isSuperuser;
  }

  requestInfo(): RequestInfo {
    return publicInfo(this.core.info);
  }

  json(status: number, data: unknown): void {
    this.answer.json(status, data);
  }

  string(status: number, text: string): void {
    this.answer.string(status, text);
  }

  noContent(status?: number): void {
    this.answer.noContent(status);
  }

  redirect(status: number, url: string): void {
    this.answer.redirect(status, url);
  }

  private get answer() {
    return responder((r: CustomResponse) => {
      this.core.response = r;
    });
  }
}

/**
 * Builds the public event; `next()` passes the core event on and then shows the stored record.
 * Synchronous except for updates, which read the stored record first: no await is added to the
 * other requests' path.
 */
export function requestEvent(
  app: App,
  kind: RequestKind,
  core: CoreRequestEvent,
  ctx: CodeContext | null = null,
): RecordRequestEvent | Promise<RecordRequestEvent> {
  const c = core.collection;
  const build = (before: (() => RecordModel | null) | null): RecordRequestEvent => {
    const e = new PublicRequestEvent(core, before, app, ctx);
    if (kind === 'auth') {
      e.authMethod = core.authMethod ?? '';
      e.meta = core.meta;
    }
    return e as unknown as RecordRequestEvent;
  };
  if (kind === 'update' && core.data) return recordToUpdate(app, core).then((r) => build(() => r));
  const data = core.data;
  if (kind === 'create' && data) return build(() => new RecordModel(c, data, true));
  // an auth request's record is already stored: the getter builds it from the core event
  return build(null);
}
