import type { MailAddress, MailMessage } from './mailer.js';

/** Control characters, line breaks included: never allowed in a header value. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * Text made safe for one header line: line breaks and other control characters become a single
 * space, so a value can never start a header of its own. The mail library encodes what is left.
 */
export function headerText(value: string): string {
  return value.replace(CONTROL, ' ').trim();
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** True for a bare `local@domain` address with nothing that could break out of an address header. */
export function isSafeAddress(address: string): boolean {
  return address.length <= 254 && ADDRESS.test(address);
}

function safeAddress(a: MailAddress): MailAddress {
  if (!isSafeAddress(a.address)) throw new Error(`invalid mail address ${JSON.stringify(a.address)}`);
  return { address: a.address, name: headerText(a.name ?? '') };
}

/**
 * The message as an adapter may send it: addresses checked, display names and the subject reduced
 * to one line each. Throws for an address that is not a plain `local@domain`.
 */
export function sanitizeMessage(m: MailMessage): MailMessage {
  if (m.to.length === 0) throw new Error('a mail needs at least one recipient');
  return {
    ...m,
    from: safeAddress(m.from),
    to: m.to.map(safeAddress),
    subject: headerText(m.subject),
    ...(m.messageId ? { messageId: headerText(m.messageId) } : {}),
  };
}

/** Options in the shape nodemailer's `sendMail` takes (both adapters build the raw message with it). */
export function transportOptions(m: MailMessage): Record<string, unknown> {
  const safe = sanitizeMessage(m);
  const addr = (a: MailAddress) => (a.name ? { name: a.name, address: a.address } : a.address);
  return {
    from: addr(safe.from),
    to: safe.to.map(addr),
    subject: safe.subject,
    html: safe.html,
    text: safe.text,
    ...(safe.messageId ? { messageId: safe.messageId } : {}),
    // the library's own header parsing is not needed: every header above is given as a value
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
