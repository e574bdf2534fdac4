import { escapeHtml } from '../../lib/html-escape.js';
import { htmlToMailText } from '../../mail/text-body.js';
import type { EmailTemplate } from '../collection.js';
import type { RecordData } from '../request.js';

/** Values of the template placeholders: `{APP_NAME}`, `{TOKEN}`, `{OTP}`… by name without braces. */
export type Placeholders = Record<string, string>;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Fields a template may never show, whatever it asks for. */
const SECRET_FIELDS = new Set(['password', 'tokenKey']);

const PLACEHOLDER = /\{(RECORD:[A-Za-z0-9_]+|[A-Z_]+)\}/g;

export { escapeHtml };

function recordValue(record: RecordData, field: string): string | undefined {
  if (SECRET_FIELDS.has(field) || !Object.hasOwn(record, field)) return undefined;
  const v = record[field];
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function fill(text: string, values: Placeholders, record: RecordData, encode: (v: string) => string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = name.startsWith('RECORD:') ? recordValue(record, name.slice(7)) : values[name];
    return value === undefined ? whole : encode(value);
  });
}

/**
 * Fills a collection's email template: in the body every value is HTML-escaped (a user's name can
 * hold markup); the subject takes values as text (the mail adapter keeps it to one line). The text
 * alternative is derived from the filled HTML. Unknown placeholders are left as they are.
 */
export function renderTemplate(template: EmailTemplate, values: Placeholders, record: RecordData): RenderedMail {
  const html = fill(template.body, values, record, escapeHtml);
  return {
    subject: fill(template.subject, values, record, (v) => v),
    html,
    text: htmlToMailText(html),
  };
}
