import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import type { RequestInfo } from '../request.js';
import { V } from '../validation.js';
import { type AuthExpand, type AuthResponse, buildAuthResponse } from './auth-response.js';
import { issueAuthToken } from './tokens.js';

/** Longest impersonation token lifetime accepted, in seconds (about 3 years, as for token configs). */
const MAX_DURATION = 94_670_856;

function readDuration(body: Record<string, unknown>): number {
  const raw = body.duration;
  if (raw === undefined || raw === null || raw === '') return 0;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw Errors.validateSubmittedData({ duration: V.mustBeInt() });
  }
  if (n < 0) throw Errors.validateSubmittedData({ duration: V.minValue(0) });
  if (n > MAX_DURATION) throw Errors.validateSubmittedData({ duration: V.maxValue(MAX_DURATION) });
  return Math.floor(n);
}

/**
 * `POST /api/collections/{c}/impersonate/{id}` (superusers only): an auth response for the record
 * with a non-refreshable token, lasting `duration` seconds (0: the collection's authToken duration).
 * No MFA and no login alert: nobody signed in.
 */
export async function impersonate(
  app: App,
  collection: Collection,
  id: string,
  body: Record<string, unknown>,
  info: RequestInfo,
  opts: { expand?: AuthExpand } = {},
): Promise<AuthResponse> {
  if (!info.requester.isSuperuser) throw Errors.requireSuperuser();
  const duration = readDuration(body);
  const record = await findRecordById(app.store, collection, id);
  if (!record) throw Errors.notFound();
  const token = issueAuthToken(app, collection, record, { refreshable: false, duration });
  return buildAuthResponse(app, collection, record, info, { method: '', token, expand: opts.expand });
}
