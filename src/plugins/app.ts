/**
 * The app user code receives (`export default (app: BasaltApp) => …`): PocketBase's hook names,
 * bound to core's event catalogue; every handler runs guarded (time limit, logs naming its file).
 * One instance per hook file, so messages name the file a handler came from.
 */
import type { Logger } from 'pino';
import type { App } from '../core/app.js';
import { collectionToJSON } from '../core/collections/json.js';
import type { EventName, RecordModelEvent } from '../core/events.js';
import type { Hook } from '../lib/hook.js';
import { type CodeContext, writerOf } from './context.js';
import { DataMethods } from './data.js';
import { guard } from './guard.js';
import type { PluginHost } from './host.js';
import { RecordModel } from './record.js';
import { type CoreRequestEvent, type RequestKind, requestEvent } from './request-events.js';
import { customRoute, requireAuth, requireSuperuserAuth } from './routes.js';
import type {
  BasaltApp,
  CollectionModel,
  CronFunction,
  Handler,
  MailPort,
  Middleware,
  RealtimePort,
  RecordAuthRequestEvent,
  RecordEvent,
  RecordRequestEvent,
  RouteHandler,
} from './types.js';

function checkCollections(name: string, handler: unknown, collections: unknown[]): string[] {
  if (typeof handler !== 'function') throw new Error(`${name}: the handler is not a function`);
  for (const c of collections) {
    if (typeof c !== 'string' || c === '') throw new Error(`${name}: collection names must be non-empty strings`);
  }
  return collections as string[];
}

/**
 * A model hook's public event: a class with lazy getters rather than an object literal of closures,
 * since one is built for every write a hook sees and most handlers read one or two of its members.
 */
class PublicModelEvent implements RecordEvent {
  private collectionModel: CollectionModel | undefined;
  private recordModel: RecordModel | undefined;
  private originalModel: RecordModel | null | undefined;
  private data: DataMethods | undefined;
  /** the core event's own `next` (already bound to its call): `const { next } = e` keeps working */
  readonly next: () => Promise<void>;

  constructor(
    private readonly core: App,
    private readonly e: RecordModelEvent,
    private readonly ctx: CodeContext,
    private readonly isNew: boolean,
  ) {
    this.next = e.next;
  }

  get collection(): CollectionModel {
    this.collectionModel ??= collectionToJSON(this.e.collection) as CollectionModel;
    return this.collectionModel;
  }

  get record(): RecordModel {
    this.recordModel ??= new RecordModel(this.e.collection, this.e.record, this.isNew);
    return this.recordModel;
  }

  get original(): RecordModel | null {
    if (this.originalModel === undefined) {
      this.originalModel = this.e.original ? new RecordModel(this.e.collection, this.e.original, false) : null;
    }
    return this.originalModel;
  }

  get app(): DataMethods {
    this.data ??= new DataMethods(this.core, this.ctx);
    return this.data;
  }
}

export class UserApp extends DataMethods implements BasaltApp {
  readonly logger: Logger;

  constructor(
    private readonly host: PluginHost,
    /** the hook file (or migration) this app is given to */
    private readonly source: string,
    /** a migration's: its transaction */
    ctx: CodeContext | null = null,
  ) {
    super(host.core, ctx);
    this.logger = host.core.log;
  }

  get mail(): MailPort {
    return this.host.mail;
  }

  get realtime(): RealtimePort {
    return this.host.realtime;
  }

  private label(name: string): string {
    return `${name} (${this.host.display(this.source)})`;
  }

  private bindRequest<E extends RecordRequestEvent>(
    name: EventName,
    kind: RequestKind,
    handler: Handler<E>,
    tags: string[],
  ) {
    const hook = this.host.core.events[name] as unknown as Hook<CoreRequestEvent>;
    const run = guard<CoreRequestEvent>(
      (core, ctx) => {
        const e = requestEvent(this.host.core, kind, core, ctx);
        return e instanceof Promise ? e.then((ready) => handler(ready as E)) : handler(e as E);
      },
      {
        label: this.label(name),
        timeoutMs: this.host.timeoutMs,
        log: this.host.core.log,
        answered: (core) => core.response !== undefined,
      },
    );
    return hook.bind(run, { tags });
  }

  private bindModel(name: EventName, handler: Handler<RecordEvent>, tags: string[]) {
    const hook = this.host.core.events[name] as unknown as Hook<RecordModelEvent>;
    const during = !name.includes('After');
    const core = this.host.core;
    const run = guard<RecordModelEvent>(
      (e, ctx) => handler(new PublicModelEvent(core, e, ctx, during && name === 'onRecordCreate')),
      {
        label: this.label(name),
        timeoutMs: this.host.timeoutMs,
        log: core.log,
        db: (e) => (during ? e.db : null),
        parent: (e) => writerOf(e.info),
        timeoutHint: during
          ? ' (data calls inside a model hook go through e.app: the hook file’s app is outside the transaction and its writes wait for it)'
          : undefined,
        // a write hook must pass the write on (or throw to refuse it): skipping it silently would lie to the caller
        answered: during ? () => false : undefined,
      },
    );
    return hook.bind(run, { tags });
  }

  onRecordsListRequest = (h: Handler<RecordRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordsListRequest', 'list', h, checkCollections('onRecordsListRequest', h, c));
  onRecordViewRequest = (h: Handler<RecordRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordViewRequest', 'view', h, checkCollections('onRecordViewRequest', h, c));
  onRecordCreateRequest = (h: Handler<RecordRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordCreateRequest', 'create', h, checkCollections('onRecordCreateRequest', h, c));
  onRecordUpdateRequest = (h: Handler<RecordRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordUpdateRequest', 'update', h, checkCollections('onRecordUpdateRequest', h, c));
  onRecordDeleteRequest = (h: Handler<RecordRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordDeleteRequest', 'delete', h, checkCollections('onRecordDeleteRequest', h, c));
  onRecordAuthRequest = (h: Handler<RecordAuthRequestEvent>, ...c: string[]) =>
    this.bindRequest('onRecordAuthRequest', 'auth', h, checkCollections('onRecordAuthRequest', h, c));

  onRecordCreate = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordCreate', h, checkCollections('onRecordCreate', h, c));
  onRecordUpdate = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordUpdate', h, checkCollections('onRecordUpdate', h, c));
  onRecordDelete = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordDelete', h, checkCollections('onRecordDelete', h, c));
  onRecordAfterCreateSuccess = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordAfterCreateSuccess', h, checkCollections('onRecordAfterCreateSuccess', h, c));
  onRecordAfterUpdateSuccess = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordAfterUpdateSuccess', h, checkCollections('onRecordAfterUpdateSuccess', h, c));
  onRecordAfterDeleteSuccess = (h: Handler<RecordEvent>, ...c: string[]) =>
    this.bindModel('onRecordAfterDeleteSuccess', h, checkCollections('onRecordAfterDeleteSuccess', h, c));

  routerAdd(method: string, path: string, handler: RouteHandler, ...middlewares: Middleware[]): void {
    this.host.routes.push(customRoute(this.host, this.source, method, path, handler, middlewares));
  }

  requireAuth(...collections: string[]): Middleware {
    return requireAuth(collections);
  }

  requireSuperuserAuth(): Middleware {
    return requireSuperuserAuth();
  }

  cronAdd(id: string, expression: string, fn: CronFunction): void {
    if (typeof fn !== 'function') throw new Error(`cronAdd ${id}: the job is not a function`);
    this.host.core.cron.add(id, expression, () => fn());
  }

  cronRemove(id: string): void {
    this.host.core.cron.remove(id);
  }
}
