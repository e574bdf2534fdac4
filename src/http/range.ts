import type { ByteRange } from '../blob/blob.js';
import { Errors } from '../core/errors.js';

/**
 * The byte range a `Range` header asks of a `size`-byte file: null for the whole file (no header,
 * another unit, or several ranges, which are answered in full). Throws the 416 error for a malformed
 * or unsatisfiable range.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (header === undefined || header === '') return null;
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) throw Errors.rangeNotSatisfiable();
  const specs = (m[1] as string).split(',');
  if (specs.length > 1) return null;
  const spec = /^\s*(\d{0,15})\s*-\s*(\d{0,15})\s*$/.exec(specs[0] as string);
  if (!spec || (spec[1] === '' && spec[2] === '')) throw Errors.rangeNotSatisfiable();
  let start: number;
  let end: number;
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) throw Errors.rangeNotSatisfiable();
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(spec[1]);
    end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
    if (start >= size || end < start) throw Errors.rangeNotSatisfiable();
  }
  return { start, end };
}
