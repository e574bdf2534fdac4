import type { MailMessage } from '../../mail/mailer.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { enqueue, outboxOf } from '../outbox/index.js';

export const MAIL_KIND = 'mail';

/** A row that exists only to be mailed (an OTP): deleted when its mail cannot be delivered. */
export interface MailSubject {
  table: string;
  id: string;
}

interface QueuedMail extends MailMessage {
  /** what to delete when the mail fails for good */
  discardOnFailure?: MailSubject;
}

/**
 * Queues a mail in the outbox on `db` (the caller's transaction, so the mail exists only if the
 * change that caused it commits). The request answers at once; the outbox worker sends it.
 */
export function queueMail(
  app: App,
  db: Queryable,
  message: MailMessage,
  discardOnFailure?: MailSubject,
): Promise<string> {
  const payload: QueuedMail = discardOnFailure ? { ...message, discardOnFailure } : message;
  return enqueue(app, db, MAIL_KIND, payload);
}

/** The Message-ID of a queued mail: stable across attempts, so a copy sent twice is recognisably one mail. */
function messageIdOf(outboxId: string, from: string): string {
  const domain = from.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : 'basalt.local';
  return `<${outboxId}@${domain}>`;
}

/** Lets the outbox worker deliver queued mail through the app's mailer. */
export function registerMailDelivery(app: App): void {
  outboxOf(app).handle(
    MAIL_KIND,
    async (payload, item) => {
      const { discardOnFailure: _, ...message } = payload as QueuedMail;
      await app.mailer.send({ ...message, messageId: messageIdOf(item.id, message.from.address) });
    },
    async (payload) => {
      const subject = (payload as QueuedMail).discardOnFailure;
      if (subject) await app.store.run(sql`DELETE FROM ${sql.id(subject.table)} WHERE ${sql.id('id')} = ${subject.id}`);
    },
  );
}
