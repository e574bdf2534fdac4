import { createHash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored columns an entry's hash covers, as stored (data as its JSON text). */
export interface HashedColumns {
  seq: number;
  id: string;
  created: string;
  actorType: string;
  actorId: string;
  actorEmail: string;
  ip: string;
  action: string;
  target: string;
  outcome: string;
  error: string;
  data: string;
}

/**
 * SHA-256 over the previous hash and the entry's canonical content: a JSON array of the columns in
 * a fixed order, so the same row always hashes the same on either database. Changing, removing or
 * reordering any entry changes every hash after it.
 */
export function entryHash(prevHash: string, c: HashedColumns): string {
  const canonical = JSON.stringify([
    c.seq,
    c.id,
    c.created,
    c.actorType,
    c.actorId,
    c.actorEmail,
    c.ip,
    c.action,
    c.target,
    c.outcome,
    c.error,
    c.data,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
