import { baseMime } from './sniff.js';

/** Broader types a sniffed type also counts as (`text/html` is `text/plain` too). */
function parentsOf(mime: string): string[] {
  const out = [mime];
  if (mime.startsWith('text/') || mime === 'application/json' || mime === 'image/svg+xml') out.push('text/plain');
  if (mime === 'image/svg+xml') out.push('text/xml', 'application/xml');
  out.push('application/octet-stream');
  return out;
}

/** True when `mimeTypes` is empty or names the sniffed type (or a broader one it belongs to). */
export function mimeAllowed(sniffed: string, mimeTypes: unknown): boolean {
  const list = Array.isArray(mimeTypes) ? mimeTypes.filter((m): m is string => typeof m === 'string') : [];
  if (list.length === 0) return true;
  const allowed = new Set(list.map(baseMime));
  return parentsOf(baseMime(sniffed)).some((m) => allowed.has(m));
}
