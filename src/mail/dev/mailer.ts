import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import { lazy } from '../../lib/lazy.js';
import { transportOptions } from '../address.js';
import type { Mailer, MailMessage } from '../mailer.js';

/** Receives a one-line summary and the plain text of each message (the server log). */
export type DevMailLog = (summary: string, data: Record<string, unknown>) => void;

/**
 * The sender used while SMTP is off: each message is built exactly as it would be sent, written to
 * `<dir>/<time>-<n>.eml` (open it with any mail program) and its text part written to the log,
 * so a developer can follow the links and codes without a mail server.
 */
export class DevMailer implements Mailer {
  private readonly builder = lazy(
    async (): Promise<Transporter> =>
      (await import('nodemailer')).default.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
  );
  private count = 0;

  constructor(
    private readonly dir: string,
    private readonly log: DevMailLog,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const info = await (await this.builder()).sendMail(transportOptions(message));
    const raw = info.message as Buffer;
    await mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(this.dir, `${stamp}-${++this.count}.eml`);
    await writeFile(file, raw);
    this.log(`mail to ${message.to.map((t) => t.address).join(', ')}: ${message.subject}`, {
      file,
      text: message.text,
    });
  }

  async close(): Promise<void> {}
}
