/**
 * Splitting a comma-separated list at its top level: commas inside parentheses or quotes do not
 * split. Quotes are given as opening → closing character; a doubled quote ('it''s') simply closes
 * and reopens, so it needs no special case.
 */
export type Quotes = Readonly<Record<string, string>>;

/** Single and double quotes. */
const PLAIN_QUOTES: Quotes = { "'": "'", '"': '"' };

/** Single quotes and the identifier quotes SQL dialects use: double quotes, backticks and [brackets]. */
export const SQL_QUOTES: Quotes = { "'": "'", '"': '"', '`': '`', '[': ']' };

interface Scan {
  parts: string[];
  end: number;
  /** why the scan stopped: a `)` closing the list, an unterminated quote, or the end of the text */
  stop: 'close' | 'quote' | 'end';
}

function scan(text: string, start: number, quotes: Quotes, closeOnParen: boolean): Scan {
  const parts: string[] = [];
  let depth = 0;
  let from = start;
  let closing = '';
  for (let i = start; i < text.length; i++) {
    const ch = text.charAt(i);
    if (closing) {
      if (ch === closing) closing = '';
    } else if (Object.hasOwn(quotes, ch)) {
      closing = quotes[ch] as string;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      if (depth > 0) depth--;
      else if (closeOnParen) {
        parts.push(text.slice(from, i).trim());
        return { parts, end: i + 1, stop: 'close' };
      }
    } else if (ch === ',' && depth === 0) {
      parts.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  if (closing) return { parts, end: text.length, stop: 'quote' };
  parts.push(text.slice(from).trim());
  return { parts, end: text.length, stop: 'end' };
}

/**
 * Splits a whole text at its top-level commas; items are trimmed (empty ones kept). A `)` that closes
 * nothing is ignored; text left inside an unterminated quote is not an item.
 */
export function splitTopLevel(text: string, quotes: Quotes = PLAIN_QUOTES): string[] {
  return scan(text, 0, quotes, false).parts;
}

/**
 * Splits the list of a parenthesised group whose `(` is just before `start`, up to the `)` that
 * closes it; items are trimmed. Returns them with the index just past that `)`, or null when the
 * group is not closed.
 */
export function splitParenthesized(
  text: string,
  start: number,
  quotes: Quotes = PLAIN_QUOTES,
): { parts: string[]; end: number } | null {
  const result = scan(text, start, quotes, true);
  return result.stop === 'close' ? { parts: result.parts, end: result.end } : null;
}
