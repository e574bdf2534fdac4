/** What a download answers with besides the bytes: the rules of the file route, kept apart from HTTP. */

/** Types a browser may show in place; everything else (SVG and HTML included) is an attachment. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpg',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/x-icon',
  'image/bmp',
  'video/webm',
  'video/mp4',
  'video/3gpp',
  'video/quicktime',
  'video/x-ms-wmv',
  'audio/basic',
  'audio/aiff',
  'audio/mpeg',
  'audio/midi',
  'audio/mp3',
  'audio/wave',
  'audio/wav',
  'audio/x-wav',
  'audio/x-mpeg',
  'audio/x-m4a',
  'audio/aac',
  'application/pdf',
  'application/x-pdf',
]);

/** Types that follow the extension rather than the sniffed content (text sniffs as text/plain). */
const BY_EXTENSION: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
};

/** The policy every served file gets: no scripts, no plugins, no framing of anything it loads. */
export const FILE_CSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
export const FILE_CACHE_CONTROL = 'max-age=2592000, stale-while-revalidate=86400';

/** The Content-Type of a stored file: its stored (sniffed) type, or the extension's for a few text formats. */
export function servedType(name: string, stored: string): string {
  const dot = name.lastIndexOf('.');
  const byExt = dot >= 0 ? BY_EXTENSION[name.slice(dot).toLowerCase()] : undefined;
  return byExt ?? (stored || 'application/octet-stream');
}

/** `inline; filename=…` for the safe media types, `attachment; filename=…` otherwise (or when asked). */
export function contentDisposition(name: string, type: string, forceDownload: boolean): string {
  const base = (type.split(';')[0] ?? '').trim().toLowerCase();
  const kind = !forceDownload && INLINE_TYPES.has(base) ? 'inline' : 'attachment';
  // stored names are plain; anything else is sent in the RFC 5987 form, which no header parser misreads
  if (/^[A-Za-z0-9._+=#*-]+$/.test(name)) return `${kind}; filename=${name}`;
  return `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`;
}
