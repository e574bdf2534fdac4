const CACHE_LIMIT = 4000;
const cache = new Map<string, string>();

const isWordChar = (ch: string) => /[\w$\u0080-\uffff]/.test(ch);

/** End (exclusive) of a quoted run that started at `start` with `quote`, where a doubled quote escapes it. */
function skipQuoted(sql: string, start: number, quote: string, backslashes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (backslashes && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql.charAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** End of a block comment starting at `start` (they nest in PostgreSQL). */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}

/** The `$tag$` opening a dollar-quoted string at `start`, or null. */
function dollarTag(sql: string, start: number): string | null {
  if (start > 0 && isWordChar(sql.charAt(start - 1))) return null;
  const m = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(start, start + 64));
  return m ? m[0] : null;
}

/**
 * Rewrites the core's `?` placeholders into PostgreSQL's `$1, $2, …`, leaving string literals
 * (including E'' and dollar-quoted ones), quoted identifiers and comments untouched.
 */
export function toNumberedPlaceholders(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let from = 0;
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (ch === "'") {
      const escaped = i > 0 && /[eE]/.test(sql.charAt(i - 1)) && !(i > 1 && isWordChar(sql.charAt(i - 2)));
      i = skipQuoted(sql, i, "'", escaped);
    } else if (ch === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (ch === '-' && sql.charAt(i + 1) === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (ch === '/' && sql.charAt(i + 1) === '*') {
      i = skipBlockComment(sql, i);
    } else if (ch === '$') {
      const tag = dollarTag(sql, i);
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end < 0 ? sql.length : end + tag.length;
      } else {
        i++;
      }
    } else if (ch === '?') {
      out += `${sql.slice(from, i)}$${++n}`;
      from = ++i;
    } else {
      i++;
    }
  }
  out += sql.slice(from);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, out);
  return out;
}
