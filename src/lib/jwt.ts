import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact JSON Web Tokens signed with HS256, on node:crypto alone. The HMAC runs inline (a few
 * microseconds) rather than through WebCrypto, whose jobs queue on the libuv pool behind slow work
 * such as password hashing.
 */

/** A decoded header or payload. */
export type JwtObject = Record<string, unknown>;

const HS256_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const utf8 = new TextDecoder('utf-8', { fatal: true });

const hmac = (key: Uint8Array, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

/** Signs `payload` into a compact HS256 token. */
export function signHs256(payload: JwtObject, key: Uint8Array): string {
  const body = `${HS256_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${hmac(key, body)}`;
}

/**
 * One base64url-encoded JSON object of a token; null unless it is exactly that. Padding and other
 * alphabets are refused: a token signed here never has them, so such a token cannot verify anyway.
 */
function decodeSegment(segment: string | undefined): JwtObject | null {
  if (!segment || segment.length % 4 === 1 || !/^[A-Za-z0-9_-]+$/.test(segment)) return null;
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url')));
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JwtObject) : null;
}

/** The three segments of a compact token; null for any other shape. */
function segmentsOf(token: string): [string, string, string] | null {
  const parts = token.split('.');
  return parts.length === 3 ? (parts as [string, string, string]) : null;
}

/** The payload of a token without checking its signature; null when the token is malformed. */
export function decodeJwt(token: string): JwtObject | null {
  const parts = segmentsOf(token);
  return parts ? decodeSegment(parts[1]) : null;
}

/**
 * True when the token's header asks for plain HS256 (no critical or unencoded-payload extensions)
 * and its signature is the HMAC of its header and payload under `key`, compared in constant time.
 */
export function verifyHs256(token: string, key: Uint8Array): boolean {
  const parts = segmentsOf(token);
  const header = parts ? decodeSegment(parts[0]) : null;
  if (!parts || !header) return false;
  if (header.alg !== 'HS256' || header.crit !== undefined || header.b64 !== undefined) return false;
  const given = Buffer.from(parts[2]);
  const expected = Buffer.from(hmac(key, `${parts[0]}.${parts[1]}`));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
