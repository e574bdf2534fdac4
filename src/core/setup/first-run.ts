import { randomBytes } from 'node:crypto';
import { decodeJwt, signHs256, verifyHs256 } from '../../lib/jwt.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { type AuthResponse, buildAuthResponse } from '../auth/auth-response.js';
import type { Collection } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { createRecord } from '../records/service.js';
import { type RequestInfo, requestInfo, SYSTEM } from '../request.js';

/** How long a first-run link stays valid. */
export const SETUP_TOKEN_SECONDS = 3600;
const encoder = new TextEncoder();

function superusersOf(app: App): Collection {
  const collection = app.collections.find(SUPERUSERS);
  if (!collection?.auth) throw Errors.internal();
  return collection;
}

/**
 * Keyed by the superusers' auth token secret (stored in the database, so every instance sharing it
 * accepts the link) with a suffix of its own, so a setup token is never a valid auth token or the reverse.
 */
function setupKey(collection: Collection): Uint8Array {
  return encoder.encode(`${collection.auth?.authToken.secret ?? ''}|first-run-setup`);
}

/** True when at least one superuser exists. */
export async function hasSuperuser(app: App): Promise<boolean> {
  const row = await app.store.get(sql`SELECT 1 AS found FROM ${sql.id(superusersOf(app).name)} LIMIT 1`);
  return row !== undefined;
}

/** A token for the first-run link, valid for `seconds` (an hour) and only while no superuser exists. */
export function issueSetupToken(app: App, seconds = SETUP_TOKEN_SECONDS): string {
  const exp = Math.floor(Date.now() / 1000) + seconds;
  const payload = { type: 'firstRunSetup', exp, nonce: randomBytes(9).toString('base64url') };
  return signHs256(payload, setupKey(superusersOf(app)));
}

function checkSetupToken(app: App, token: string): void {
  const claims = token.length < 2048 ? decodeJwt(token) : null;
  const valid =
    claims !== null &&
    claims.type === 'firstRunSetup' &&
    typeof claims.exp === 'number' &&
    claims.exp > Date.now() / 1000 &&
    verifyHs256(token, setupKey(superusersOf(app)));
  if (!valid) throw Errors.invalidSetupToken();
}

/** One creation at a time in this process: two submits of the same link cannot both pass the check. */
let busy: Promise<unknown> = Promise.resolve();

/**
 * Creates the first superuser with a first-run token and signs it in. Refused once any superuser
 * exists (which is what makes a used link stop working) and when the token is expired or forged;
 * field errors of the new record come back as usual, and the link may then be used again.
 */
export function createFirstSuperuser(
  app: App,
  token: string,
  data: Record<string, unknown>,
  info: RequestInfo,
): Promise<AuthResponse> {
  const run = busy.then(async () => {
    checkSetupToken(app, token);
    if (await hasSuperuser(app)) throw Errors.setupDone();
    const collection = superusersOf(app);
    const fields = { email: data.email, password: data.password, passwordConfirm: data.passwordConfirm };
    // created as the system would (no create rule applies); signed in as the person asking
    const record = await createRecord(app, collection, { data: fields, files: [] }, requestInfo(SYSTEM));
    return buildAuthResponse(app, collection, record, info, { method: '' });
  });
  busy = run.catch(() => undefined);
  return run;
}
