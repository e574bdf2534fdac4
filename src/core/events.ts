/**
 * The event catalogue: every point where handlers can hook into what the app does. Names follow
 * PocketBase's so hook code ports easily.
 *
 * - Request events wrap one API operation; their action fills `e.response`, which the HTTP layer
 *   sends. A handler may change the input before `next()`, the response after it, or set a
 *   response of its own without calling `next()`.
 * - Model events wrap every record write inside its transaction (`e.db`), whoever causes it: an
 *   API request, a cascade, the CLI, a hook. Throwing rolls the write back.
 * - "After success" events fire once the outermost transaction has committed, never for a write
 *   that was rolled back. Their handlers cannot undo anything; errors they throw are logged.
 */
import { type ChainEvent, Hook } from '../lib/hook.js';
import type { Queryable } from '../store/store.js';
import type { AuthMethod, AuthResponse } from './auth/auth-types.js';
import type { OAuth2User } from './auth/oauth2/types.js';
import type { Collection } from './collection.js';
import type { ListQuery } from './list-params.js';
import type { UploadedFileInput } from './records/files-port.js';
import type { RecordData, RequestInfo } from './request.js';

/** Tags a record event carries: handlers bound to the collection's id or name receive it. */
export function collectionTags(collection: Collection): readonly string[] {
  return [collection.id, collection.name];
}

interface RequestEventBase extends ChainEvent {
  collection: Collection;
  info: RequestInfo;
  /** the JSON body to answer with; set by the action (or a handler), undefined for 204 */
  response: unknown;
}

export interface RecordsListRequestEvent extends RequestEventBase {
  query: ListQuery;
}

export interface RecordViewRequestEvent extends RequestEventBase {
  id: string;
  /** the record shown, once the action found it */
  record: RecordData | null;
}

export interface RecordCreateRequestEvent extends RequestEventBase {
  /** the submitted body and files; handlers may change them before `next()` */
  data: Record<string, unknown>;
  files: UploadedFileInput[];
  expand: string | undefined;
  /** the stored record, once the action created it */
  record: RecordData | null;
}

export interface RecordUpdateRequestEvent extends RecordCreateRequestEvent {
  id: string;
}

export interface RecordDeleteRequestEvent extends RequestEventBase {
  id: string;
  /** the deleted record, once the action deleted it */
  record: RecordData | null;
}

/** Every successful sign-in or refresh, after the authRule and MFA, before the token is issued. */
export interface RecordAuthRequestEvent extends RequestEventBase {
  record: RecordData;
  /** "password", "otp", "oauth2"; "" for a refresh */
  authMethod: AuthMethod | '';
  meta: Record<string, unknown> | undefined;
  response: AuthResponse | undefined;
}

export interface RecordAuthWithPasswordRequestEvent extends RequestEventBase {
  identity: string;
  identityField: string;
  password: string;
  /** the record signed in, once the password matched */
  record: RecordData | null;
}

export interface RecordAuthRefreshRequestEvent extends RequestEventBase {
  record: RecordData;
}

/** An OAuth2 sign-in, once the provider user is known and before anything is written. */
export interface RecordAuthWithOAuth2RequestEvent extends RequestEventBase {
  providerName: string;
  /** the provider user (also the auth response's `meta`) */
  oauth2User: OAuth2User;
  /** the submitted data a new record is created from; handlers may change it before `next()` */
  createData: Record<string, unknown>;
  /** the record found for the provider user (null: a new one is created); after `next()` the one signed in */
  record: RecordData | null;
  isNewRecord: boolean;
  response: AuthResponse | undefined;
}

/** A record being written (or, for "after success", written and committed). */
export interface RecordModelEvent extends ChainEvent {
  collection: Collection;
  /** the values to store; handlers may change them before `next()` */
  record: RecordData;
  /** the stored values before an update or delete; null on create */
  original: RecordData | null;
  /** the transaction the write runs in (for after-success events: the store) */
  db: Queryable;
  /** who asked for the write (the same object for the write, its cascades and its after-success event) */
  info: RequestInfo;
}

/** A collection created, updated or deleted, once the change has committed. */
export interface CollectionChangeEvent extends ChainEvent {
  /** the collection as stored; for a delete, as it was */
  collection: Collection;
  /** the collection before an update or delete; null on create */
  original: Collection | null;
}

/** The catalogue; one hook per event. */
export class AppEvents {
  readonly onRecordsListRequest = new Hook<RecordsListRequestEvent>();
  readonly onRecordViewRequest = new Hook<RecordViewRequestEvent>();
  readonly onRecordCreateRequest = new Hook<RecordCreateRequestEvent>();
  readonly onRecordUpdateRequest = new Hook<RecordUpdateRequestEvent>();
  readonly onRecordDeleteRequest = new Hook<RecordDeleteRequestEvent>();
  readonly onRecordAuthRequest = new Hook<RecordAuthRequestEvent>();
  readonly onRecordAuthWithPasswordRequest = new Hook<RecordAuthWithPasswordRequestEvent>();
  readonly onRecordAuthRefreshRequest = new Hook<RecordAuthRefreshRequestEvent>();
  readonly onRecordAuthWithOAuth2Request = new Hook<RecordAuthWithOAuth2RequestEvent>();

  readonly onRecordCreate = new Hook<RecordModelEvent>();
  readonly onRecordUpdate = new Hook<RecordModelEvent>();
  readonly onRecordDelete = new Hook<RecordModelEvent>();

  readonly onRecordAfterCreateSuccess = new Hook<RecordModelEvent>();
  readonly onRecordAfterUpdateSuccess = new Hook<RecordModelEvent>();
  readonly onRecordAfterDeleteSuccess = new Hook<RecordModelEvent>();

  readonly onCollectionAfterCreateSuccess = new Hook<CollectionChangeEvent>();
  readonly onCollectionAfterUpdateSuccess = new Hook<CollectionChangeEvent>();
  readonly onCollectionAfterDeleteSuccess = new Hook<CollectionChangeEvent>();
}

/** The names of every event in the catalogue. */
export type EventName = keyof AppEvents;

export const EVENT_NAMES: readonly EventName[] = Object.keys(new AppEvents()) as EventName[];
