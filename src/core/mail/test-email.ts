import type { App } from '../app.js';
import { bodyText, emailError } from '../auth/flow-body.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import type { RecordData } from '../request.js';
import { type ErrorData, hasErrors, V } from '../validation.js';
import { AUTH_MAIL_KINDS, type AuthMailKind, authMail } from './auth-mail.js';

/** Placeholder values of a test mail: recognisable samples, never a usable token or code. */
const SAMPLES = {
  TOKEN: 'test-token-not-valid',
  OTP: '123456',
  OTP_ID: 'testotpid123456',
  ALERT_INFO: '127.0.0.1, test browser',
};

/**
 * `POST /api/settings/test/email`: sends the chosen template of an auth collection (default
 * `_superusers`) to `email` now, through the mailer in force, bypassing the outbox so that a
 * failure is reported to the superuser testing the settings.
 */
export async function sendTestEmail(app: App, body: Record<string, unknown>): Promise<void> {
  const email = bodyText(body, 'email').trim();
  const template = bodyText(body, 'template');
  const collectionName = bodyText(body, 'collection') || SUPERUSERS;
  const errors: ErrorData = {};
  const emailErr = emailError(email);
  if (emailErr) errors.email = emailErr;
  if (template === '') errors.template = V.required();
  else if (!AUTH_MAIL_KINDS.includes(template as AuthMailKind)) errors.template = V.inInvalid();
  const collection = app.collections.find(collectionName);
  if (collection?.type !== 'auth' || !collection.auth) errors.collection = V.inInvalid();
  if (hasErrors(errors) || !collection) throw Errors.validateSubmittedData(errors);
  const record: RecordData = { id: 'testrecord12345', email, emailVisibility: true, verified: false };
  const message = authMail(app, collection, record, template as AuthMailKind, SAMPLES, email);
  try {
    await app.mailer.send(message);
  } catch (err) {
    throw Errors.testEmailFailed(err instanceof Error ? err.message : String(err));
  }
}
