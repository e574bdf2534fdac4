import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import type { RecordData, RequestInfo } from '../request.js';
import type { AuthMethod } from './auth-types.js';

export type { AuthMethod } from './auth-types.js';

/**
 * The MFA step of the auth response: resolves when the sign-in may complete, or throws
 * (the 401 `{mfaId}` challenge or a 400 for a bad MFA session).
 */
export type MfaStep = (
  app: App,
  collection: Collection,
  record: RecordData,
  method: AuthMethod,
  info: RequestInfo,
) => Promise<void>;

const passThrough: MfaStep = async () => {};

let current: MfaStep = passThrough;

/** Plugs in the MFA implementation; until then sign-ins complete after the first factor. */
export function setMfaStep(step: MfaStep | null): void {
  current = step ?? passThrough;
}

/** Runs the MFA step when the collection has MFA enabled. */
export async function runMfaStep(
  app: App,
  collection: Collection,
  record: RecordData,
  method: AuthMethod,
  info: RequestInfo,
): Promise<void> {
  if (!collection.auth?.mfa.enabled) return;
  await current(app, collection, record, method, info);
}
