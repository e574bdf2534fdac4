import type { MailMessage } from '../../mail/mailer.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { enqueue, outboxOf } from '../outbox/index.js';

export const MAIL_KIND = 'mail';

/**
 * Queues a mail in the outbox on `db` (the caller's transaction, so the mail exists only if the
 * change that caused it commits). The request answers at once; the outbox worker sends it.
 */
export function queueMail(app: App, db: Queryable, message: MailMessage): Promise<string> {
  return enqueue(app, db, MAIL_KIND, message);
}

/** The Message-ID of a queued mail: stable across attempts, so a copy sent twice is recognisably one mail. */
function messageIdOf(outboxId: string, from: string): string {
  const domain = from.includes('@') ? from.slice(from.lastIndexOf('@') + 1) : 'basalt.local';
  return `<${outboxId}@${domain}>`;
}

/** Lets the outbox worker deliver queued mail through the app's mailer. */
export function registerMailDelivery(app: App): void {
  outboxOf(app).handle(MAIL_KIND, async (payload, item) => {
    const message = payload as MailMessage;
    await app.mailer.send({ ...message, messageId: messageIdOf(item.id, message.from.address) });
  });
}
