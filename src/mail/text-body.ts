import { excerpt } from '../lib/html-to-text.js';

const LINK = /<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi;
const BREAK = /<br\s*\/?>|<\/(?:p|div|h[1-6]|li|tr|table|ul|ol|blockquote|pre)\s*>/gi;
const NO_LIMIT = 1_000_000;

/**
 * The plain-text alternative of an HTML mail body: one line per paragraph (or line break), and
 * each link written as `label (url)` so the reader of the text part can still follow it.
 */
export function htmlToMailText(html: string): string {
  const withLinks = html.replace(LINK, (_all, _q, dq: string | undefined, sq: string | undefined, label: string) => {
    const href = dq ?? sq ?? '';
    return `${label} (${href})`;
  });
  return withLinks
    .split(BREAK)
    .map((part) => excerpt(part, NO_LIMIT, false))
    .filter((line) => line !== '')
    .join('\n');
}
