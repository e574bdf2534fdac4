/**
 * The mail seam: what the domain hands over to send one message. main.ts picks the adapter
 * (smtp/ when SMTP is on in the settings, dev/ otherwise); the domain only sees `Mailer`.
 */

export interface MailAddress {
  address: string;
  /** display name; "" or missing for none */
  name?: string;
}

export interface MailMessage {
  from: MailAddress;
  to: MailAddress[];
  subject: string;
  html: string;
  /** the plain-text alternative of `html` */
  text: string;
  /** a stable Message-ID (`<id@domain>`), so a resent copy can be recognised as the same message */
  messageId?: string;
}

export interface Mailer {
  /** Resolves once the message was handed over (accepted by the SMTP server, or written out). */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The mailer of an app that has none set up (a library user building the core alone). */
export const NO_MAILER: Mailer = {
  send: () => Promise.reject(new Error('no mailer is configured')),
  close: () => Promise.resolve(),
};
