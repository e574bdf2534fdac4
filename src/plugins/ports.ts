import type { App } from '../core/app.js';
import { queueMail } from '../core/mail/queue.js';
import { escapeHtml } from '../lib/html-escape.js';
import { isSafeAddress } from '../mail/address.js';
import type { MailAddress, MailMessage as QueuedMessage } from '../mail/mailer.js';
import { htmlToMailText } from '../mail/text-body.js';
import type { PluginPorts } from './host.js';
import type { MailMessage } from './types.js';

/** `"Ana <ana@example.com>"` or a bare address. */
function parseAddress(text: string): MailAddress {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(text);
  return m ? { name: (m[1] ?? '').replace(/^"|"$/g, ''), address: (m[2] ?? '').trim() } : { address: text.trim() };
}

/**
 * What hook files reach as `app.mail` and `app.realtime`. Mail goes through the durable outbox like
 * every other mail of the server (retried, sent once), from the settings' sender unless `from` is
 * given; a message with only `text` gets an HTML part made from it, and the other way round.
 */
export function pluginPorts(app: App): PluginPorts {
  return {
    mail: {
      async send(message: MailMessage) {
        const meta = app.settings.get().meta;
        const html = message.html ?? `<pre>${escapeHtml(message.text ?? '')}</pre>`;
        const queued: QueuedMessage = {
          from: message.from ? parseAddress(message.from) : { name: meta.senderName, address: meta.senderAddress },
          to: (Array.isArray(message.to) ? message.to : [message.to]).map(parseAddress),
          subject: message.subject,
          html,
          text: message.text ?? htmlToMailText(html),
        };
        for (const a of [queued.from, ...queued.to]) {
          if (!isSafeAddress(a.address)) throw new Error(`app.mail.send: "${a.address}" is not an email address`);
        }
        await queueMail(app, app.store, queued);
      },
    },
    realtime: {
      async publish(topic: string, data: unknown) {
        await app.realtime.publish(topic, data);
      },
    },
  };
}
