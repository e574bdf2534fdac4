import type { Transporter } from 'nodemailer';
import { lazy } from '../../lib/lazy.js';
import { transportOptions } from '../address.js';
import type { Mailer, MailMessage } from '../mailer.js';

/** How to reach the SMTP server (the `smtp` settings, minus the on/off switch). */
export interface SmtpConfig {
  host: string;
  port: number;
  username: string;
  password: string;
  /** "", "PLAIN" or "LOGIN" */
  authMethod: string;
  /** implicit TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it */
  tls: boolean;
  /** the name sent in EHLO; "" for the machine's host name */
  localName: string;
}

/** Sends through an SMTP server with a pooled nodemailer transport. */
export class SmtpMailer implements Mailer {
  // nodemailer loads with the first SMTP mailer, not with the server
  private readonly transport: () => Promise<Transporter>;

  constructor(config: SmtpConfig) {
    this.transport = lazy(async () =>
      (await import('nodemailer')).default.createTransport({
        host: config.host,
        port: config.port,
        secure: config.tls,
        ...(config.username ? { auth: { user: config.username, pass: config.password } } : {}),
        ...(config.authMethod ? { authMethod: config.authMethod } : {}),
        ...(config.localName ? { name: config.localName } : {}),
        pool: true,
        maxConnections: 2,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      }),
    );
  }

  async send(message: MailMessage): Promise<void> {
    await (await this.transport()).sendMail(transportOptions(message));
  }

  async close(): Promise<void> {
    (await this.transport()).close();
  }
}
