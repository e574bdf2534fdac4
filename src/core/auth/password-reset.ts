import type { App } from '../app.js';
import { type Collection, fieldByName } from '../collection.js';
import { Errors, isApiError } from '../errors.js';
import { authMail } from '../mail/auth-mail.js';
import { queueMail } from '../mail/queue.js';
import { V } from '../validation.js';
import { findByEmail } from './by-email.js';
import { assertValid, bodyText, readEmail } from './flow-body.js';
import { readFlowToken } from './flow-token.js';
import { recentlySent } from './resend-throttle.js';
import { flowUpdate } from './system-write.js';
import { issueToken } from './tokens.js';

const PASSWORD_MAX = 255;

/**
 * `POST .../request-password-reset`: queues a reset mail. An unknown email or a repeat within two
 * minutes answer the same and send nothing.
 */
export async function requestPasswordReset(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<void> {
  if (!collection.auth?.passwordAuth.enabled) throw Errors.passwordResetDisabled();
  const email = readEmail(body);
  const record = await findByEmail(app, collection, email);
  if (!record) return;
  if (recentlySent(`passwordReset:${collection.id}:${record.id}`)) return;
  const token = issueToken(app, collection, record, 'passwordReset', { email: record.email });
  await queueMail(app, app.store, authMail(app, collection, record, 'password-reset', { TOKEN: token }));
}

/**
 * `POST .../confirm-password-reset`: sets the new password, which rotates the record's tokenKey so
 * the reset token and every older token stop working; verifies the record when the token's email
 * is still its email.
 */
export async function confirmPasswordReset(
  app: App,
  collection: Collection,
  body: Record<string, unknown>,
): Promise<void> {
  const password = bodyText(body, 'password');
  const confirm = bodyText(body, 'passwordConfirm');
  const min = Math.max(1, Number(fieldByName(collection, 'password')?.min ?? 8) || 8);
  const length = [...password].length;
  assertValid({
    password:
      password === ''
        ? V.required()
        : length < min || length > PASSWORD_MAX
          ? V.lengthOutOfRange(min, PASSWORD_MAX)
          : null,
    passwordConfirm: confirm === '' ? V.required() : confirm !== password ? V.valuesMismatch() : null,
  });
  const { claims, record } = await readFlowToken(app, collection, body, 'passwordReset');
  const data: Record<string, unknown> = { password, passwordConfirm: password };
  if (typeof claims.email === 'string' && claims.email !== '' && claims.email === record.email) data.verified = true;
  try {
    await flowUpdate(app, collection, String(record.id), data);
  } catch (err) {
    // the record went away between the token check and the write
    if (isApiError(err) && err.kind === 'not_found') throw Errors.invalidPasswordResetToken();
    throw err;
  }
}
