import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { serializeRecord } from '../records/serialize.js';
import type { RecordData, Requester, RequestInfo } from '../request.js';
import { checkAuthRule } from './auth-rule.js';
import { issueAuthToken } from './tokens.js';

/** The body of every successful authentication. */
export interface AuthResponse {
  token: string;
  record: Record<string, unknown>;
  /** OAuth2 only */
  meta?: Record<string, unknown>;
}

/** Expands relations of the authenticated record for `viewer`; undefined when nothing was asked. */
export type AuthExpand = (
  collection: Collection,
  record: RecordData,
  viewer: Requester,
) => Promise<Record<string, unknown> | undefined>;

export interface AuthResponseOptions {
  /** a token to hand back as is; a new refreshable one is issued when missing */
  token?: string;
  meta?: Record<string, unknown>;
  expand?: AuthExpand;
}

/**
 * The auth response pipeline: authRule, then `{token, record}`. The record is shown
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
  const token = opts.token ?? (await issueAuthToken(app, collection, record));
  const viewer: Requester = { record, collection, isSuperuser: collection.name === SUPERUSERS };
  const expand = opts.expand ? await opts.expand(collection, record, viewer) : undefined;
  const out: AuthResponse = {
    token,
    record: serializeRecord(collection, record, viewer, { authResponse: true, ...(expand ? { expand } : {}) }),
  };
  if (opts.meta) out.meta = opts.meta;
  return out;
}
