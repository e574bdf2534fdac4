import { randomBytes } from 'node:crypto';

const ALPHANUMERIC_LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random string of `length` characters from `alphabet`, drawn from a CSPRNG without modulo bias. */
export function randomString(length: number, alphabet = ALPHANUMERIC_LOWER): string {
  const n = alphabet.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    const bytes = randomBytes(Math.max(16, (length - out.length) * 2));
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const b = bytes[i] as number;
      if (b < limit) out += alphabet[b % n];
    }
  }
  return out;
}

/** A new 15 character record id. */
export function newRecordId(): string {
  return randomString(15);
}

/**
 * 15 character ids in the record id alphabet that sort by time: the first 9 characters are the
 * millisecond timestamp `times[i]` in base 36 (zero-padded, good until the year 5188), the last 6
 * are random (about 2 billion values per millisecond, so ids made at once by several processes do
 * not meet). An index over such ids grows at its right edge: inserting into it costs a fraction of
 * what scattered random ids cost once the table outgrows the page cache (log entries).
 */
export function timeOrderedIds(times: readonly number[]): string[] {
  const alphabet = ALPHANUMERIC_LOWER;
  const limit = 256 - (256 % alphabet.length);
  const ids: string[] = [];
  let bytes = randomBytes(times.length * 8);
  let at = 0;
  for (const ms of times) {
    let id = Math.max(0, Math.floor(ms)).toString(36).padStart(9, '0');
    while (id.length < 15) {
      if (at === bytes.length) {
        bytes = randomBytes(64);
        at = 0;
      }
      const b = bytes[at++] as number;
      if (b < limit) id += alphabet[b % alphabet.length];
    }
    ids.push(id);
  }
  return ids;
}
