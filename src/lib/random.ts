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
 * `count` new 15 character record ids from one draw of random bytes: the same alphabet and
 * distribution as `newRecordId`, for callers that need many at once (a batch of log entries).
 */
export function newRecordIds(count: number): string[] {
  const alphabet = ALPHANUMERIC_LOWER;
  const limit = 256 - (256 % alphabet.length);
  const ids: string[] = [];
  let bytes = randomBytes(count * 18);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let id = '';
    while (id.length < 15) {
      if (at === bytes.length) {
        bytes = randomBytes(Math.max(64, (count - i) * 18));
        at = 0;
      }
      const b = bytes[at++] as number;
      if (b < limit) id += alphabet[b % alphabet.length];
    }
    ids.push(id);
  }
  return ids;
}
