import { decodeJwt, signHs256, verifyHs256 } from '../../lib/jwt.js';
import type { App } from '../app.js';
import type { Collection, TokenConfig } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import type { RecordData, Requester } from '../request.js';
import { isTokenType, type TokenClaims, type TokenType, tokenConfigOf } from './token-types.js';

export type { TokenClaims, TokenType } from './token-types.js';

/** Tokens longer than this are rejected before any parsing. */
const MAX_TOKEN_LENGTH = 8192;
const encoder = new TextEncoder();

/** A token that passed every check, with the record it names. */
export interface VerifiedToken {
  requester: Requester;
  claims: TokenClaims;
  record: RecordData;
  collection: Collection;
}

export interface AuthTokenOptions {
  /** false for impersonate tokens, which auth-refresh hands back unchanged */
  refreshable?: boolean;
  /** lifetime in seconds; 0 or missing means the collection's authToken.duration */
  duration?: number;
}

/** The signing key: the record's tokenKey followed by the collection secret, as UTF-8 bytes. */
function signingKey(record: RecordData, config: TokenConfig): Uint8Array | null {
  const tokenKey = typeof record.tokenKey === 'string' ? record.tokenKey : '';
  const key = tokenKey + config.secret;
  return key === '' ? null : encoder.encode(key);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Issues a signed token of `type` for an auth record; `extraClaims` cannot override the standard ones. */
export function issueToken(
  _app: App,
  collection: Collection,
  record: RecordData,
  type: TokenType,
  extraClaims: Record<string, unknown> = {},
  duration?: number,
): string {
  const config = tokenConfigOf(collection, type);
  const key = config ? signingKey(record, config) : null;
  if (!config || !key || typeof record.id !== 'string' || record.id === '') throw Errors.internal();
  const lifetime = duration && duration > 0 ? duration : config.duration;
  const payload = {
    ...extraClaims,
    id: record.id,
    collectionId: collection.id,
    type,
    exp: nowSeconds() + Math.floor(lifetime),
  };
  return signHs256(payload, key);
}

/** Issues an auth token (refreshable unless told otherwise). */
export function issueAuthToken(
  app: App,
  collection: Collection,
  record: RecordData,
  opts: AuthTokenOptions = {},
): string {
  const refreshable = opts.refreshable ?? true;
  return issueToken(app, collection, record, 'auth', { refreshable }, opts.duration);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Reads the payload without checking the signature; null when malformed, expired or incomplete. */
function readClaims(token: string): TokenClaims | null {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const payload = decodeJwt(token);
  if (!payload) return null;
  const exp = payload.exp;
  const now = nowSeconds();
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now) return null;
  if (payload.nbf !== undefined && !(typeof payload.nbf === 'number' && payload.nbf <= now)) return null;
  if (payload.iat !== undefined && !(typeof payload.iat === 'number' && payload.iat <= now)) return null;
  if (!nonEmptyString(payload.id) || !nonEmptyString(payload.collectionId) || !nonEmptyString(payload.type)) {
    return null;
  }
  if (!isTokenType(payload.type)) return null;
  return payload as TokenClaims;
}

/**
 * Checks a token: payload (expiry, required claims), type, the record it names, then the
 * HS256 signature with that record's key. Any failure gives null; it never throws.
 */
export async function verifyToken(
  app: App,
  token: string,
  types?: TokenType | readonly TokenType[],
): Promise<VerifiedToken | null> {
  if (typeof token !== 'string') return null;
  const claims = readClaims(token);
  if (!claims) return null;
  if (types !== undefined) {
    const allowed: readonly string[] = typeof types === 'string' ? [types] : types;
    if (!allowed.includes(claims.type)) return null;
  }
  const collection = app.collections.find(claims.collectionId);
  if (!collection || collection.id !== claims.collectionId || collection.type !== 'auth') return null;
  const config = tokenConfigOf(collection, claims.type);
  if (!config) return null;
  try {
    const record = await findRecordById(app.store, collection, claims.id);
    if (!record) return null;
    const key = signingKey(record, config);
    if (!key) return null;
    if (!verifyHs256(token, key)) return null;
    const requester: Requester = { record, collection, isSuperuser: collection.name === SUPERUSERS };
    return { requester, claims, record, collection };
  } catch {
    return null;
  }
}

/** The requester a token stands for, or null (a guest) when it does not verify. */
export async function verifyAuthToken(
  app: App,
  token: string,
  types: TokenType | readonly TokenType[] = 'auth',
): Promise<Requester | null> {
  const verified = await verifyToken(app, token, types);
  return verified ? verified.requester : null;
}

/** The claims of a token without any verification (for tokens already verified by the request hook). */
export function unverifiedClaims(token: string): Record<string, unknown> | null {
  return decodeJwt(token);
}
