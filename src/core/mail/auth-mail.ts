import type { MailMessage } from '../../mail/mailer.js';
import type { App } from '../app.js';
import type { Collection, EmailTemplate } from '../collection.js';
import type { RecordData } from '../request.js';
import { type Placeholders, renderTemplate } from './render.js';

/** The templates an auth collection sends, by the names `POST /api/settings/test/email` uses. */
export type AuthMailKind = 'verification' | 'password-reset' | 'email-change' | 'otp' | 'login-alert';

export const AUTH_MAIL_KINDS: readonly AuthMailKind[] = [
  'verification',
  'password-reset',
  'email-change',
  'otp',
  'login-alert',
];

/** The collection's template of `kind`. */
export function templateOf(collection: Collection, kind: AuthMailKind): EmailTemplate {
  const auth = collection.auth;
  if (!auth) throw new Error(`${collection.name} is not an auth collection`);
  switch (kind) {
    case 'verification':
      return auth.verificationTemplate;
    case 'password-reset':
      return auth.resetPasswordTemplate;
    case 'email-change':
      return auth.confirmEmailChangeTemplate;
    case 'otp':
      return auth.otp.emailTemplate;
    case 'login-alert':
      return auth.authAlert.emailTemplate;
  }
}

/**
 * Builds the mail of `kind` for an auth record, from the sender in the `meta` settings to `to`
 * (the record's email unless given, e.g. the new address of an email change). `values` adds
 * `{TOKEN}`, `{OTP}`, `{OTP_ID}` or `{ALERT_INFO}`; `{APP_NAME}` and `{APP_URL}` come from `meta`.
 */
export function authMail(
  app: App,
  collection: Collection,
  record: RecordData,
  kind: AuthMailKind,
  values: Placeholders,
  to = String(record.email ?? ''),
): MailMessage {
  const meta = app.settings.get().meta;
  const rendered = renderTemplate(
    templateOf(collection, kind),
    { APP_NAME: meta.appName, APP_URL: meta.appURL.replace(/\/+$/, ''), ...values },
    record,
  );
  return {
    from: { name: meta.senderName, address: meta.senderAddress },
    to: [{ address: to }],
    ...rendered,
  };
}
