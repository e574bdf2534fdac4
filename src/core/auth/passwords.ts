import bcrypt from 'bcrypt';
import { randomString } from '../../lib/random.js';
import type { Collection } from '../collection.js';

/** bcrypt work factor used when the password field leaves `cost` at 0. */
const DEFAULT_BCRYPT_COST = 10;

function normaliseCost(cost: number | undefined): number {
  const n = Math.trunc(Number(cost ?? 0));
  if (!Number.isFinite(n) || n <= 0) return DEFAULT_BCRYPT_COST;
  return Math.min(Math.max(n, 4), 31);
}

/** The cost configured on the collection's `password` field (0 or missing means the default). */
export function passwordCost(collection: Collection): number {
  const field = collection.fields.find((f) => f.name === 'password' && f.type === 'password');
  return normaliseCost(field?.cost as number | undefined);
}

/** Hashes a password on the libuv thread pool. */
export function hashPassword(plain: string, cost?: number): Promise<string> {
  return bcrypt.hash(plain, normaliseCost(cost));
}

/**
 * Compares a password with a stored bcrypt hash (or `{hash}`). An empty or malformed hash never
 * matches, and still costs one comparison so it cannot be told apart by timing.
 */
export async function verifyPassword(plain: string, stored: unknown): Promise<boolean> {
  const hash = stored !== null && typeof stored === 'object' ? (stored as { hash?: unknown }).hash : stored;
  if (typeof hash !== 'string' || hash === '') return dummyPasswordCheck(plain);
  try {
    return await bcrypt.compare(plain, hash);
  } catch {
    return dummyPasswordCheck(plain);
  }
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const dummyHashes = new Map<number, string>();

/** A well-formed bcrypt string of the given cost with random salt and digest: comparing costs a full hash. */
export function dummyHash(cost: number): string {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = `$2b$${String(cost).padStart(2, '0')}$${randomString(53, BCRYPT_ALPHABET)}`;
    dummyHashes.set(cost, hash);
  }
  return hash;
}

/**
 * Runs one bcrypt comparison against a throwaway hash of the given cost, so a sign-in
 * for an unknown identity takes as long as one with a wrong password. Always resolves false.
 */
export async function dummyPasswordCheck(plain: string, cost?: number): Promise<false> {
  try {
    await bcrypt.compare(plain, dummyHash(normaliseCost(cost)));
  } catch {
    // the outcome is irrelevant; only the elapsed time matters
  }
  return false;
}
