import { randomString } from '../../lib/random.js';
import { extensionOf } from './sniff.js';

/** The longest original name (in UTF-8 bytes) the stored name is built from; longer ones keep their end. */
const MAX_SOURCE_BYTES = 300;
const MAX_BASE = 100;
const MAX_EXT = 20;

/** The last two dot-separated parts (`a.tar.gz` → `.tar.gz`, `my.photo.png` → `.photo.png`), or ''. */
function rawExtension(name: string): string {
  const last = name.lastIndexOf('.');
  if (last < 0) return '';
  const second = name.lastIndexOf('.', last - 1);
  return name.slice(second >= 0 ? second : last);
}

function cleanExtension(raw: string): string {
  const kept = raw.replace(/[^A-Za-z0-9_.*+=#-]+/g, '').replace(/^\.+|\.+$/g, '');
  return kept === '' ? '' : `.${kept}`;
}

/** snake_case from ASCII words: split on anything not a letter or digit, camelCase humps become `_`. */
export function snakeCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return words
    .map((w) => w.replace(/(?<=[^A-Z])([A-Z])/g, '_$1'))
    .join('_')
    .toLowerCase();
}

/**
 * The name a file is stored under: `<clean base>_<10 random a-z0-9><clean extension>`, e.g.
 * `My Report (Final).PDF` → `my_report_final_k3j9x0a1bq.PDF`. No path, dot-leading or control
 * character survives; `mime` (the sniffed type) supplies the extension when the name has none.
 */
export function storedFileName(original: string, mime: string): string {
  let name = original;
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > MAX_SOURCE_BYTES)
    name = bytes
      .subarray(-MAX_SOURCE_BYTES)
      .toString('utf8')
      .replace(/^\uFFFD+/, '');
  // only the last path segment is a name: `../../etc/passwd` is `passwd`
  name = name.split(/[/\\]/).pop() ?? '';
  const raw = rawExtension(name);
  let ext = cleanExtension(raw);
  if (ext === '') ext = extensionOf(mime);
  if (ext.length > MAX_EXT) ext = `.${ext.slice(-MAX_EXT).replace(/^\.+/, '')}`;
  let base = snakeCase(name.slice(0, name.length - raw.length));
  if (base.length < 3) base += randomString(10);
  else if (base.length > MAX_BASE) base = base.slice(0, MAX_BASE);
  return `${base}_${randomString(10)}${ext}`;
}

/** True for names a file field may hold: 1–150 characters, no path separator, not starting with a dot. */
export function isValidStoredName(name: string): boolean {
  return name.length >= 1 && name.length <= 150 && /^[^./\\][^/\\]+$/.test(name);
}

/**
 * False for client file names that are an attack rather than a name: a path (`../x`, `a\b`), NUL or
 * other control characters, or Unicode direction controls (which make `gpj.exe` display as `exe.jpg`).
 */
export function isSafeOriginalName(name: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  return !/[/\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name);
}
