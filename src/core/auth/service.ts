import { toBool } from '../../lib/bool.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { collectionTags } from '../events.js';
import { type RecordData, type Requester, type RequestInfo, requestInfo } from '../request.js';
import { type AuthExpand, type AuthResponse, buildAuthResponse } from './auth-response.js';
import { findByIdentity } from './identity.js';
import { readPasswordForm } from './password-form.js';
import { dummyPasswordCheck, passwordCost, verifyPassword } from './passwords.js';
import { unverifiedClaims } from './tokens.js';

export { type AuthMethodsResponse, authMethods, type ProviderInfo } from './auth-methods.js';
export type { AuthExpand, AuthResponse } from './auth-response.js';

export interface AuthCallOptions {
  expand?: AuthExpand;
}

function requireAuthCollection(collection: Collection | undefined): Collection {
  if (collection?.type !== 'auth' || !collection.auth) throw Errors.missingAuthCollectionContext();
  return collection;
}

/** 403 unless the collection allows password sign-in (checked before the body is read). */
export function assertPasswordAuthEnabled(collection: Collection): void {
  if (!requireAuthCollection(collection).auth?.passwordAuth.enabled) throw Errors.passwordAuthDisabled();
}

const unset = async (): Promise<void> => {};

/**
 * `POST /api/collections/{c}/auth-with-password`, as the onRecordAuthWithPasswordRequest event:
 * handlers see the submitted identity before the password check runs.
 */
export async function authWithPassword(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
  info: RequestInfo,
  opts: AuthCallOptions = {},
): Promise<AuthResponse> {
  const c = requireAuthCollection(collection);
  assertPasswordAuthEnabled(c);
  const form = readPasswordForm(c, body);
  const e = {
    collection: c,
    info: { ...info, context: 'password' },
    ...form,
    record: null as RecordData | null,
    response: undefined as AuthResponse | undefined,
    next: unset,
  };
  await app.events.onRecordAuthWithPasswordRequest.trigger(
    e,
    async () => {
      const record = await findByIdentity(app, c, e.identity, e.identityField);
      if (!record) {
        await dummyPasswordCheck(e.password, passwordCost(c));
        throw Errors.authFailed();
      }
      if (!(await verifyPassword(e.password, record.password))) throw Errors.authFailed();
      e.record = record;
      e.response = await buildAuthResponse(app, c, record, e.info, { method: 'password', expand: opts.expand });
    },
    collectionTags(c),
  );
  if (!e.response) throw Errors.authFailed();
  return e.response;
}

/**
 * `POST /api/collections/{c}/auth-refresh`: the requester must be an auth record of `collection`.
 * A refreshable token gets a fresh one; any other token is handed back unchanged.
 */
export async function authRefresh(
  app: App,
  collection: Collection | undefined,
  requester: Requester,
  token: string,
  info: RequestInfo = requestInfo(requester),
  opts: AuthCallOptions = {},
): Promise<AuthResponse> {
  const record = requester.record;
  const own = requester.collection;
  if (!record || !own) throw Errors.requireAuth();
  if (!collection || collection.id !== own.id) throw Errors.requireSameCollection(own.name);
  const refreshable = toBool(unverifiedClaims(token)?.refreshable);
  const e = { collection: own, info, record, response: undefined as AuthResponse | undefined, next: unset };
  await app.events.onRecordAuthRefreshRequest.trigger(
    e,
    async () => {
      e.response = await buildAuthResponse(app, own, e.record, info, {
        method: '',
        ...(refreshable ? {} : { token }),
        expand: opts.expand,
      });
    },
    collectionTags(own),
  );
  if (!e.response) throw Errors.requireAuth();
  return e.response;
}
