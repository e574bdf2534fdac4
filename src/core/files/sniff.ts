/**
 * Content sniffing: the type of a file from its first bytes, never from its name or the client's
 * Content-Type. Covers the formats people upload (images, audio, video, documents, archives) and
 * tells text from binary; anything else is `application/octet-stream`.
 */

/** How many leading bytes sniffing reads. */
export const SNIFF_BYTES = 4096;

type Test = (b: Buffer) => boolean;

const at = (b: Buffer, offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
const ascii = (b: Buffer, offset: number, text: string) => b.toString('latin1', offset, offset + text.length) === text;

/** `ftyp` boxes: the brand tells MP4, QuickTime, 3GPP, AVIF and HEIC apart. */
function isoType(b: Buffer): string | null {
  if (!ascii(b, 4, 'ftyp')) return null;
  const brand = b.toString('latin1', 8, 12);
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (brand === 'heic' || brand === 'heix' || brand === 'mif1') return 'image/heic';
  if (brand === 'M4A ') return 'audio/x-m4a';
  return 'video/mp4';
}

const BINARY: ReadonlyArray<readonly [Test, string]> = [
  [(b) => at(b, 0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png'],
  [(b) => at(b, 0, 0xff, 0xd8, 0xff), 'image/jpeg'],
  [(b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'), 'image/gif'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'), 'image/webp'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'), 'audio/wav'],
  [(b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'AVI '), 'video/x-msvideo'],
  [(b) => ascii(b, 0, 'BM') && b.length > 14, 'image/bmp'],
  [(b) => at(b, 0, 0x00, 0x00, 0x01, 0x00), 'image/x-icon'],
  [(b) => at(b, 0, 0x49, 0x49, 0x2a, 0x00) || at(b, 0, 0x4d, 0x4d, 0x00, 0x2a), 'image/tiff'],
  [(b) => ascii(b, 0, '%PDF-'), 'application/pdf'],
  [(b) => at(b, 0, 0x1a, 0x45, 0xdf, 0xa3) && b.includes('webm'), 'video/webm'],
  [(b) => at(b, 0, 0x1a, 0x45, 0xdf, 0xa3), 'video/x-matroska'],
  [(b) => ascii(b, 0, 'OggS'), 'audio/ogg'],
  [(b) => ascii(b, 0, 'fLaC'), 'audio/flac'],
  [(b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0), 'audio/mpeg'],
  [(b) => ascii(b, 0, 'FORM') && ascii(b, 8, 'AIFF'), 'audio/aiff'],
  [(b) => ascii(b, 0, 'MThd'), 'audio/midi'],
  [(b) => at(b, 0, 0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11), 'video/x-ms-wmv'],
  [(b) => at(b, 0, 0x50, 0x4b, 0x03, 0x04) || at(b, 0, 0x50, 0x4b, 0x05, 0x06), 'application/zip'],
  [(b) => at(b, 0, 0x1f, 0x8b), 'application/gzip'],
  [(b) => ascii(b, 0, '7z') && at(b, 2, 0xbc, 0xaf, 0x27, 0x1c), 'application/x-7z-compressed'],
  [(b) => ascii(b, 0, 'Rar!'), 'application/x-rar-compressed'],
  [(b) => ascii(b, 257, 'ustar'), 'application/x-tar'],
  [(b) => ascii(b, 0, 'wOFF'), 'font/woff'],
  [(b) => ascii(b, 0, 'wOF2'), 'font/woff2'],
  [(b) => at(b, 0, 0x7f, 0x45, 0x4c, 0x46), 'application/x-elf'],
  [(b) => ascii(b, 0, 'MZ'), 'application/vnd.microsoft.portable-executable'],
  [(b) => ascii(b, 0, 'SQLite format 3'), 'application/vnd.sqlite3'],
];

const HTML_START =
  /^<(!doctype html|html|head|body|script|iframe|style|title|table|div|a\s|p[\s>]|br|h1|font|b[\s>]|!--)/i;

/** True when the bytes decode as UTF-8 without control characters other than whitespace. */
function isText(b: Buffer): boolean {
  // a multi-byte character may be cut at the end of the sniffed window
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, Math.max(0, b.length - 3)));
  if (text.includes('\uFFFD')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mark binary data
  return !/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/.test(text);
}

function textType(b: Buffer): string {
  const start = b
    .toString('utf8', 0, 512)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (HTML_START.test(start)) return 'text/html; charset=utf-8';
  if (
    /^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(start) ||
    /^<svg[\s>]/i.test(start)
  )
    return 'image/svg+xml';
  if (start.startsWith('<?xml')) return 'text/xml; charset=utf-8';
  if (/^%!PS/.test(start)) return 'application/postscript';
  if (/^[{[]/.test(start)) {
    try {
      JSON.parse(b.toString('utf8'));
      return 'application/json';
    } catch {
      // not whole JSON (or cut by the window): plain text
    }
  }
  return 'text/plain; charset=utf-8';
}

/** The MIME type of content starting with `head` (up to SNIFF_BYTES). */
export function sniffMime(head: Buffer): string {
  if (head.length === 0) return 'text/plain; charset=utf-8';
  for (const [test, type] of BINARY) if (test(head)) return type;
  const iso = isoType(head);
  if (iso) return iso;
  return isText(head) ? textType(head) : 'application/octet-stream';
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/x-icon': '.ico',
  'image/tiff': '.tiff',
  'image/avif': '.avif',
  'image/heic': '.heic',
  'image/svg+xml': '.svg',
  'application/pdf': '.pdf',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/3gpp': '.3gp',
  'video/webm': '.webm',
  'video/x-matroska': '.mkv',
  'video/x-msvideo': '.avi',
  'video/x-ms-wmv': '.wmv',
  'audio/mpeg': '.mp3',
  'audio/wav': '.wav',
  'audio/ogg': '.ogg',
  'audio/flac': '.flac',
  'audio/aiff': '.aiff',
  'audio/midi': '.midi',
  'audio/x-m4a': '.m4a',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/x-7z-compressed': '.7z',
  'application/x-rar-compressed': '.rar',
  'application/x-tar': '.tar',
  'font/woff': '.woff',
  'font/woff2': '.woff2',
  'application/json': '.json',
  'application/postscript': '.ps',
  'text/html': '.html',
  'text/xml': '.xml',
  'text/plain': '.txt',
};

/** The usual extension (with its dot) of a sniffed type; '' when there is none. */
export function extensionOf(mime: string): string {
  return EXTENSIONS[mime.split(';')[0]?.trim() ?? ''] ?? '';
}

/** The type without parameters (`text/plain; charset=utf-8` → `text/plain`), for `mimeTypes` checks. */
export function baseMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}
