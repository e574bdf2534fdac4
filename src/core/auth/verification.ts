import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { authMail } from '../mail/auth-mail.js';
import { queueMail } from '../mail/queue.js';
import { V } from '../validation.js';
import { findByEmail } from './by-email.js';
import { isSuperusers, readEmail } from './flow-body.js';
import { readFlowToken } from './flow-token.js';
import { recentlySent } from './resend-throttle.js';
import { flowUpdate } from './system-write.js';
import { issueToken } from './tokens.js';

/**
 * `POST .../request-verification`: queues a verification mail for an unverified record. An unknown
 * email, a verified record or a repeat within two minutes answer the same and send nothing.
 */
export async function requestVerification(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<void> {
  if (isSuperusers(collection)) throw Errors.superusersAlwaysVerified();
  const email = readEmail(body);
  const record = await findByEmail(app, collection, email);
  if (!record || record.verified === true) return;
  if (recentlySent(`verification:${collection.id}:${record.id}`)) return;
  const token = issueToken(app, collection, record, 'verification', { email: record.email });
  await queueMail(app, app.store, authMail(app, collection, record, 'verification', { TOKEN: token }));
}

/** `POST .../confirm-verification`: marks the token's record verified when its email is still the one verified. */
export async function confirmVerification(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<void> {
  if (isSuperusers(collection)) throw Errors.superusersAlwaysVerified();
  const { claims, record } = await readFlowToken(app, collection, body, 'verification');
  if (typeof claims.email !== 'string' || claims.email === '') {
    throw Errors.validateSubmittedData({ token: V.invalidTokenClaims() });
  }
  if (claims.email !== record.email) throw Errors.validateSubmittedData({ token: V.tokenEmailMismatch() });
  if (record.verified === true) return;
  await flowUpdate(app, collection, String(record.id), { verified: true });
}
