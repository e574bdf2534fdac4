/**
 * The types user code sees (`import type { BasaltApp } from 'basalt'`). Names follow PocketBase's
 * JavaScript hooks where it has them, so `pb_hooks` code ports with few changes.
 */
import type { Logger } from 'pino';
import type { RecordModel } from './record.js';

export type { RecordModel } from './record.js';

/** A collection in the collections API's JSON shape. */
export type CollectionModel = Record<string, unknown> & { id: string; name: string; type: string };

export type Handler<E> = (e: E) => unknown | Promise<unknown>;

/** What every hook event has: the rest of the chain. */
export interface NextEvent {
  /** runs the remaining handlers and then the built-in action; call it once */
  next(): Promise<void>;
}

/** Who asks and what they sent, as rules see it (`@request.*`). */
export interface RequestInfo {
  auth: RecordModel | null;
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  context: string;
}

/** Ways to answer a request instead of the built-in action (or over its result). */
export interface Responder {
  json(status: number, data: unknown): void;
  string(status: number, text: string): void;
  noContent(status?: number): void;
  redirect(status: number, url: string): void;
}

/** A record request hook's event. */
export interface RecordRequestEvent extends NextEvent, Responder {
  /** the collection the request acts on */
  collection: CollectionModel;
  /** the requester's record (a superuser's too); null for guests */
  auth: RecordModel | null;
  /** true when a superuser asks */
  hasSuperuserAuth(): boolean;
  requestInfo(): RequestInfo;
  /**
   * The record: before `next()` on create/update, what will be saved (changes go into the write);
   * after `next()`, the stored record. Null on list, and on view/delete before `next()`.
   */
  record: RecordModel | null;
  /** the record id of view, update and delete requests ('' otherwise) */
  id: string;
  /** the built-in answer once `next()` has run (list: `{page, perPage, totalItems, totalPages, items}`) */
  response: unknown;
  /** the data methods for this handler: once it has timed out, its further writes are refused */
  app: DataApi;
}

/** `onRecordAuthRequest`: a successful sign-in or refresh, before the token is issued. */
export interface RecordAuthRequestEvent extends RecordRequestEvent {
  record: RecordModel;
  /** "password", "otp", "oauth2"; "" for a refresh */
  authMethod: string;
  meta: Record<string, unknown> | undefined;
}

/** The data methods; `app` has them and so does the `tx` of `runInTransaction`. */
export interface DataApi {
  findRecordById(collection: string, id: string): Promise<RecordModel>;
  findFirstRecordByFilter(collection: string, filter: string, params?: Record<string, unknown>): Promise<RecordModel>;
  findRecordsByFilter(collection: string, filter: string, options?: FindOptions): Promise<RecordModel[]>;
  newRecord(collection: string, data?: Record<string, unknown>): RecordModel;
  /** creates or updates the record: validation and model hooks run; broadcast after commit */
  save(record: RecordModel): Promise<void>;
  delete(record: RecordModel): Promise<void>;
  findCollectionByNameOrId(nameOrId: string): Promise<CollectionModel>;
  /** creates or updates (matched by id, then name) from the collections API's JSON shape */
  saveCollection(data: Record<string, unknown>): Promise<CollectionModel>;
  deleteCollection(nameOrId: string): Promise<void>;
  /** imports collection definitions as `PUT /api/collections/import` does */
  importCollections(collections: readonly Record<string, unknown>[], deleteMissing?: boolean): Promise<void>;
  /** runs `fn` in one transaction: everything it writes commits together or not at all */
  runInTransaction<T>(fn: (tx: DataApi) => Promise<T>): Promise<T>;
}

export interface FindOptions {
  sort?: string;
  /** default 100; 0 for no limit */
  limit?: number;
  offset?: number;
  /** values for `{:name}` placeholders in the filter, bound safely */
  params?: Record<string, unknown>;
}

/** A model hook's event: every record write, whoever makes it. */
export interface RecordEvent extends NextEvent {
  collection: CollectionModel;
  /** the values being written; changes before `next()` are saved (and validated) */
  record: RecordModel;
  /** the stored record before an update or delete; null on create */
  original: RecordModel | null;
  /**
   * The data methods inside the write's transaction (during-write hooks) or on the store (after-success
   * hooks). Use it, not the hook file's `app`, for data calls in a model hook: the file's `app` is not in
   * the transaction, and on SQLite its writes wait for the transaction the hook itself holds open.
   */
  app: DataApi;
}

/** A custom route's event. */
export interface RouteEvent extends Responder {
  method: string;
  /** the path and query as requested */
  url: string;
  /** `{name}` segments of the route's path */
  params: Record<string, string>;
  /** query parameters (the first value of repeated ones) */
  query: Record<string, string>;
  /** request headers, lower-case names */
  headers: Record<string, string | string[] | undefined>;
  /** the parsed body (JSON, urlencoded or multipart fields) */
  bindBody<T = Record<string, unknown>>(): Promise<T>;
  auth: RecordModel | null;
  hasSuperuserAuth(): boolean;
  requestInfo(): Promise<RequestInfo>;
  /** runs the rest of the chain (for middlewares) */
  next(): Promise<void>;
  /** the data methods for this handler: once it has timed out, its further writes are refused */
  app: DataApi;
}

export type RouteHandler = (e: RouteEvent) => unknown | Promise<unknown>;
/** A middleware calls `await e.next()` to continue, or throws / answers to stop. */
export type Middleware = (e: RouteEvent) => unknown | Promise<unknown>;

export interface MailMessage {
  from?: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  [key: string]: unknown;
}

/** Sends mail with the app's mail settings. */
export interface MailPort {
  send(message: MailMessage): Promise<void>;
}

/** Publishes to realtime subscribers of a topic. */
export interface RealtimePort {
  publish(topic: string, data: unknown): Promise<void>;
}

export type CronFunction = () => unknown | Promise<unknown>;

type HookBinder<E> = (handler: Handler<E>, ...collections: string[]) => string;

/** The app as hook files and migrations see it. */
export interface BasaltApp extends DataApi {
  onRecordsListRequest: HookBinder<RecordRequestEvent>;
  onRecordViewRequest: HookBinder<RecordRequestEvent>;
  onRecordCreateRequest: HookBinder<RecordRequestEvent>;
  onRecordUpdateRequest: HookBinder<RecordRequestEvent>;
  onRecordDeleteRequest: HookBinder<RecordRequestEvent>;
  onRecordAuthRequest: HookBinder<RecordAuthRequestEvent>;

  onRecordCreate: HookBinder<RecordEvent>;
  onRecordUpdate: HookBinder<RecordEvent>;
  onRecordDelete: HookBinder<RecordEvent>;
  onRecordAfterCreateSuccess: HookBinder<RecordEvent>;
  onRecordAfterUpdateSuccess: HookBinder<RecordEvent>;
  onRecordAfterDeleteSuccess: HookBinder<RecordEvent>;

  /** adds a route; `path` may hold `{name}` segments; clashes with built-in routes are refused at start */
  routerAdd(method: string, path: string, handler: RouteHandler, ...middlewares: Middleware[]): void;
  /** lets through requests authenticated as a record of one of `collections` (any auth collection when none) */
  requireAuth(...collections: string[]): Middleware;
  requireSuperuserAuth(): Middleware;

  /** registers (or replaces) a cron job, listed and runnable through `/api/crons` */
  cronAdd(id: string, expression: string, fn: CronFunction): void;
  cronRemove(id: string): void;

  readonly mail: MailPort;
  readonly realtime: RealtimePort;
  readonly logger: Logger;
}
