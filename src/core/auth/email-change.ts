import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors } from '../errors.js';
import { authMail } from '../mail/auth-mail.js';
import { queueMail } from '../mail/queue.js';
import type { Requester } from '../request.js';
import { V } from '../validation.js';
import { findByEmail } from './by-email.js';
import { assertValid, bodyText, emailError, isSuperusers } from './flow-body.js';
import { readFlowToken } from './flow-token.js';
import { verifyPassword } from './passwords.js';
import { flowUpdate } from './system-write.js';
import { issueToken } from './tokens.js';

/**
 * `POST .../request-email-change` (an auth record of this collection): queues a mail to the new
 * address carrying an `emailChange` token; nothing changes until it is confirmed.
 */
export async function requestEmailChange(
  app: App,
  collection: Collection,
  requester: Requester,
  body: Record<string, unknown>,
): Promise<void> {
  const record = requester.record;
  const own = requester.collection;
  if (!record || !own) throw Errors.requireAuth();
  if (own.id !== collection.id) throw Errors.requireSameCollection(own.name);
  if (isSuperusers(collection)) throw Errors.superusersChangeEmailDirectly();
  const newEmail = bodyText(body, 'newEmail').trim();
  assertValid({ newEmail: emailError(newEmail) });
  const taken = newEmail === record.email || (await findByEmail(app, collection, newEmail)) !== null;
  if (taken) throw Errors.validateSubmittedData({ newEmail: V.invalidNewEmail() });
  const token = issueToken(app, collection, record, 'emailChange', { email: record.email, newEmail });
  await queueMail(app, app.store, authMail(app, collection, record, 'email-change', { TOKEN: token }, newEmail));
}

/**
 * `POST .../confirm-email-change` (no auth): with the token and the record's current password, sets
 * the new email and marks it verified; the changed email rotates the tokenKey (old sessions end).
 */
export async function confirmEmailChange(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<void> {
  const password = bodyText(body, 'password');
  assertValid({
    token: bodyText(body, 'token') === '' ? V.required() : null,
    password: password === '' ? V.required() : null,
  });
  const { claims, record } = await readFlowToken(app, collection, body, 'emailChange');
  const newEmail = typeof claims.newEmail === 'string' ? claims.newEmail : '';
  if (newEmail === '' || emailError(newEmail)) throw Errors.validateSubmittedData({ token: V.invalidTokenPayload() });
  const owner = await findByEmail(app, collection, newEmail);
  if (owner && owner.id !== record.id) throw Errors.validateSubmittedData({ token: V.existingTokenEmail() });
  if (!(await verifyPassword(password, record.password))) {
    throw Errors.validateSubmittedData({ password: V.invalidPassword() });
  }
  await flowUpdate(app, collection, String(record.id), { email: newEmail, verified: true });
}
