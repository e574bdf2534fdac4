import type { App } from '../../app.js';
import type { Collection } from '../../collection.js';
import { Errors, isApiError } from '../../errors.js';
import { collectionTags, type RecordAuthWithOAuth2RequestEvent } from '../../events.js';
import type { RequestInfo } from '../../request.js';
import { buildAuthResponse } from '../auth-response.js';
import type { AuthResponse } from '../auth-types.js';
import { findAccount } from './accounts.js';
import { readOAuth2Form } from './form.js';
import { nonceFor } from './pkce.js';
import { providerSpec } from './registry.js';
import { resolveProvider } from './settings.js';
import { submitOAuth2 } from './submit.js';
import { exchangeCode } from './token-exchange.js';
import { fetchProviderUser, oauth2Meta } from './user.js';

/** The provider calls of one sign-in (discovery, token, user) share this deadline. */
const PROVIDER_TIMEOUT_MS = 30_000;

/** 403 unless the collection allows OAuth2 sign-in (checked before the body is read). */
export function assertOAuth2Enabled(collection: Collection): void {
  if (collection.type !== 'auth' || !collection.auth) throw Errors.missingAuthCollectionContext();
  if (!collection.auth.oauth2.enabled) throw Errors.oauth2Disabled();
}

/** Runs a provider step; any failure becomes the step's 400 (the cause goes to the log, not the client). */
async function step<T>(app: App, fail: () => Error, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isApiError(err)) throw err;
    app.log.warn({ err }, `OAuth2 ${what} failed`);
    throw fail();
  }
}

/**
 * `POST /api/collections/{c}/auth-with-oauth2`: exchanges the code (with the PKCE verifier), reads
 * the provider user, finds or creates the record, links it through `_externalAuths`, then answers
 * with the auth response whose `meta` is the provider user. Wrapped in onRecordAuthWithOAuth2Request.
 */
export async function authWithOAuth2(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
  info: RequestInfo,
): Promise<AuthResponse> {
  assertOAuth2Enabled(collection);
  const form = readOAuth2Form(collection, body);
  const name = form.provider.name;
  const spec = providerSpec(name);
  if (!spec) throw Errors.oauth2InitProvider(name);
  const signal = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  const settings = await step(
    app,
    () => Errors.oauth2InitProvider(name),
    'provider set-up',
    () => resolveProvider(form.provider, signal),
  );
  const codeVerifier = settings.pkce ? form.codeVerifier : '';
  const token = await step(app, Errors.oauth2FetchToken, 'token exchange', () =>
    exchangeCode(settings, { code: form.code, redirectURL: form.redirectURL, codeVerifier, signal }),
  );
  const ctx = { settings, token, nonce: nonceFor(codeVerifier), code: form.code, signal };
  const user = await step(app, Errors.oauth2FetchUser, 'user fetch', () => fetchProviderUser(spec, ctx));
  const found = await findAccount(app, collection, name, user, info.requester);
  const e: RecordAuthWithOAuth2RequestEvent = {
    collection,
    info: { ...info, context: 'oauth2' },
    providerName: name,
    oauth2User: user,
    createData: form.createData,
    record: found.record,
    isNewRecord: found.record === null,
    response: undefined,
    next: async () => {},
  };
  await app.events.onRecordAuthWithOAuth2Request.trigger(
    e,
    async () => {
      e.isNewRecord = e.record === null;
      const record = await app.store.transaction((tx) => submitOAuth2(app, tx, e, found));
      e.record = record;
      e.response = await buildAuthResponse(app, collection, record, e.info, {
        method: 'oauth2',
        meta: oauth2Meta(e.oauth2User, e.isNewRecord),
      });
    },
    collectionTags(collection),
  );
  if (!e.response) throw Errors.authFailed();
  return e.response;
}
