import { createHash } from 'node:crypto';
import { ALPHANUMERIC, randomString } from '../../../lib/random.js';

/** A fresh `state` for an authorization URL. */
export function newState(): string {
  return randomString(30, ALPHANUMERIC);
}

/** A PKCE code verifier (43 characters, the shortest RFC 7636 allows). */
export function newCodeVerifier(): string {
  return randomString(43, ALPHANUMERIC);
}

/** The S256 challenge of a verifier. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * The OpenID Connect nonce bound to a code verifier. The server keeps no state between
 * auth-methods and the code exchange, so the nonce is derived from the verifier the client
 * sends back: an id_token issued for another sign-in carries another nonce.
 */
export function nonceFor(verifier: string): string {
  return verifier === '' ? '' : createHash('sha256').update(`basalt-oidc-nonce:${verifier}`).digest('base64url');
}
