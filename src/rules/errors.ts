/**
 * Raised when a filter, rule or sort string breaks the grammar or a syntactic limit of the
 * filter language (see limits.ts). `position` is the 0-based offset, in UTF-16 code units, of
 * the offending character or token; the message ends with "at position N".
 */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  readonly position: number;
  readonly reason: string;

  constructor(reason: string, position: number) {
    super(`${reason} at position ${position}`);
    this.reason = reason;
    this.position = position;
  }
}

const MAX_SHOWN = 40;

/** Quotes a piece of source for an error message: truncated, control characters escaped. */
export function show(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
  let visible = '';
  for (const ch of cut) visible += escapeControl(ch);
  return `'${visible}'`;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x20 && code !== 0x7f) return ch;
  return NAMED_ESCAPES[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`;
}
