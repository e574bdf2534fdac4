import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { collectionTags } from '../events.js';
import { serializeRecord } from '../records/serialize.js';
import type { RecordData, Requester, RequestInfo } from '../request.js';
import { checkAuthRule } from './auth-rule.js';
import type { AuthMethod, AuthResponse } from './auth-types.js';
import { noteLoginOrigin } from './login-alert.js';
import { checkMfa } from './mfa.js';
import { issueAuthToken } from './tokens.js';

export type { AuthResponse } from './auth-types.js';

/** Expands relations of the authenticated record for `viewer`; undefined when nothing was asked. */
export type AuthExpand = (
  collection: Collection,
  record: RecordData,
  viewer: Requester,
) => Promise<Record<string, unknown> | undefined>;

export interface AuthResponseOptions {
  /** how the record signed in; "" for a refresh (no new sign-in) */
  method: AuthMethod | '';
  /** a token to hand back as is; a new refreshable one is issued when missing */
  token?: string;
  meta?: Record<string, unknown>;
  expand?: AuthExpand;
}

/**
 * The auth response pipeline: authRule; for a real sign-in (`method` set) MFA, which may end it
 * with the 401 `{mfaId}`; then `{token, record}`; then, for a real sign-in, the login origin
 * bookkeeping and alert mail. The record is shown
 * as its owner sees it: own email always, hidden fields only for superusers.
 */
export async function buildAuthResponse(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
  opts: AuthResponseOptions,
): Promise<AuthResponse> {
  await checkAuthRule(app, collection, record, info);
  if (opts.method !== '') await checkMfa(app, collection, record, info, opts.method);
  const e = {
    collection,
    info,
    record,
    authMethod: opts.method,
    meta: opts.meta,
    response: undefined as AuthResponse | undefined,
    next: async () => {},
  };
  await app.events.onRecordAuthRequest.trigger(
    e,
    async () => {
      const token = opts.token ?? (await issueAuthToken(app, collection, e.record));
      const viewer: Requester = { record: e.record, collection, isSuperuser: collection.name === SUPERUSERS };
      const expand = opts.expand ? await opts.expand(collection, e.record, viewer) : undefined;
      const out: AuthResponse = {
        token,
        record: serializeRecord(collection, e.record, viewer, { authResponse: true, ...(expand ? { expand } : {}) }),
      };
      if (e.meta) out.meta = e.meta;
      e.response = out;
    },
    collectionTags(collection),
  );
  if (!e.response) throw Errors.forbidden();
  if (opts.method !== '') await noteLoginOrigin(app, collection, e.record, info);
  return e.response;
}
