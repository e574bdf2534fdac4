import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(input, key) {
  return createHmac('sha256', key).update(input).digest();
}

/** Signs an HS256 JWT. */
export function signJwt(payload, key) {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${signature(body, key).toString('base64url')}`;
}

/** Reads the payload without checking the signature; null when malformed or expired. */
export function peekJwt(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
    if (typeof payload.exp !== 'number' || payload.exp < Date.now() / 1000) return null;
    return payload;
  } catch {
    return null;
  }
}

/** True when the token's signature matches `key`. */
export function verifyJwt(token, key) {
  const cut = token.lastIndexOf('.');
  const given = Buffer.from(token.slice(cut + 1), 'base64url');
  const expected = signature(token.slice(0, cut), key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
