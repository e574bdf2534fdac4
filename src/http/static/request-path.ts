/** A request path the static site may look up: decoded, safe segments under the public folder. */
export interface StaticPath {
  /** decoded path segments, none empty, `.`, `..`, hidden (leading dot) or holding a slash, backslash or NUL */
  readonly segments: readonly string[];
  /** the path ended with `/` (a directory was asked for) */
  readonly trailingSlash: boolean;
}

/** First segments that belong to the API and the dashboard: never answered from the folder, in any case. */
const RESERVED = new Set(['api', '_']);

/** Escapes that would smuggle a separator or NUL into one segment: `%2f` (/), `%5c` (\), `%00`. */
const ENCODED_SEPARATOR = /%(?:2f|5c|00)/i;

/**
 * Reads the path of a raw request URL (`/a/b.css?x=1`) into segments the folder can be searched with, or
 * null when the path must not reach the folder at all: a backslash or an encoded separator, a `.`/`..`
 * segment (plain or %-encoded; browsers resolve these before sending, so only crafted requests carry them),
 * a hidden file or folder (`.env`, `.git/…`), a malformed escape, or a path under `/api/` or `/_/`.
 * Repeated slashes collapse, as the router treats them.
 */
export function readStaticPath(rawUrl: string): StaticPath | null {
  const q = rawUrl.indexOf('?');
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (pathname.includes('\\') || ENCODED_SEPARATOR.test(pathname)) return null;
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || segment.includes('\0') || segment.includes('/') || segment.includes('\\')) {
      return null;
    }
    segments.push(segment);
  }
  if (segments.length > 0 && RESERVED.has((segments[0] as string).toLowerCase())) return null;
  return { segments, trailingSlash: pathname.endsWith('/') };
}

/** The path back as a URL path, each segment escaped; always starts with a single `/`. */
export function formatStaticPath(segments: readonly string[], trailingSlash: boolean): string {
  const joined = segments.map(encodeURIComponent).join('/');
  return `/${joined}${trailingSlash && joined !== '' ? '/' : ''}`;
}
