import { SMTPServer } from 'smtp-server';
import type { App } from '../../src/core/app.js';

/** One message as the test SMTP server received it, decoded enough for assertions. */
export interface ReceivedMail {
  /** envelope sender and recipients */
  from: string;
  to: string[];
  raw: string;
  /** header names lower-cased, values unfolded and decoded */
  headers: Record<string, string>;
  subject: string;
  html: string;
  text: string;
}

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i] as string;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function splitHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return out;
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { headers: splitHeaders(raw), body: '' };
  return { headers: splitHeaders(raw.slice(0, m.index)), body: raw.slice(m.index + m[0].length) };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Walks the MIME tree collecting the text/plain and text/html parts. */
function collectParts(raw: string, out: { html: string; text: string }): Record<string, string> {
  const { headers, body } = splitEntity(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), out);
    }
  } else if (type.toLowerCase().startsWith('text/html')) out.html = decodeBody(headers, body).trim();
  else if (type.toLowerCase().startsWith('text/plain')) out.text = decodeBody(headers, body).trim();
  return headers;
}

export function parseMail(raw: string, from = '', to: string[] = []): ReceivedMail {
  const parts = { html: '', text: '' };
  const headers = collectParts(raw, parts);
  return { from, to, raw, headers, subject: headers.subject ?? '', ...parts };
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps what it receives. `refuse(n)` makes it
 * answer the next n messages with a temporary failure (451) instead of accepting them.
 */
export class TestSmtp {
  readonly messages: ReceivedMail[] = [];
  /** messages answered with a failure */
  refused = 0;
  private toRefuse = 0;
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.toRefuse > 0) {
            this.toRefuse--;
            this.refused++;
            const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(err);
            return;
          }
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), from, to));
          callback();
        });
      },
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = this.server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this;
  }

  refuse(n: number): void {
    this.toRefuse = n;
  }

  /** Mails received for `address`. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  /** Waits for the `count`-th mail to `address` (1-based) and returns it; fails after `timeoutMs`. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail> {
    const t0 = Date.now();
    for (;;) {
      const got = this.to(address);
      if (got.length >= count) return got[count - 1] as ReceivedMail;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no mail #${count} to ${address} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function startSmtp(): Promise<TestSmtp> {
  return new TestSmtp().listen();
}

/** Points the app's SMTP settings at the test server (what a superuser does through PATCH /api/settings). */
export function useSmtp(app: App, smtp: TestSmtp): void {
  const current = structuredClone(app.settings.get()) as ReturnType<App['settings']['get']>;
  app.settings.replace({
    ...current,
    smtp: { ...current.smtp, enabled: true, host: '127.0.0.1', port: smtp.port, tls: false },
    meta: { ...current.meta, appName: 'Basalt Test', appURL: 'http://app.example.test' },
  });
}

/** The token at the end of a `/_/#/auth/<action>/<token>` link in a mail's HTML. */
export function linkToken(mail: ReceivedMail, action: string): string {
  const m = new RegExp(`/_/#/auth/${action}/([A-Za-z0-9._-]+)`).exec(mail.html);
  if (!m?.[1]) throw new Error(`no ${action} link in mail "${mail.subject}"`);
  return m[1];
}

/** The one-time code in an OTP mail's text part. */
export function otpCode(mail: ReceivedMail): string {
  const m = /\b(\d{4,})\b/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no code in mail "${mail.subject}"`);
  return m[1];
}
