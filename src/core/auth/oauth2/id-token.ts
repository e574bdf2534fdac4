import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';

export interface IdTokenCheck {
  clientId: string;
  /** accepted issuers; empty accepts any */
  issuers: string[];
  /** where the provider publishes its signing keys; '' skips the signature check */
  jwksURL: string;
  /** the nonce the authorization URL carried; '' when none was sent */
  nonce: string;
}

/** Clock skew tolerated on exp/iat/nbf. */
const LEEWAY_SECONDS = 60;
/** Only asymmetric algorithms: a key set never holds the shared secret an HS* token would need. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url);
  if (!set) {
    if (keySets.size >= 64) keySets.clear();
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
    keySets.set(url, set);
  }
  return set;
}

function checkClaims(claims: JWTPayload, check: IdTokenCheck): void {
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SECONDS <= now) throw new Error('id_token expired');
  if (typeof claims.iat === 'number' && claims.iat - LEEWAY_SECONDS > now)
    throw new Error('id_token issued in the future');
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(check.clientId)) throw new Error('id_token audience mismatch');
  // OpenID Connect Core 3.1.3.7: with several audiences the authorized party must be this client
  if (aud.length > 1 && claims.azp !== check.clientId) throw new Error('id_token azp mismatch');
  if (check.issuers.length > 0 && !check.issuers.includes(String(claims.iss ?? ''))) {
    throw new Error('id_token issuer mismatch');
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new Error('id_token without sub');
  // a token that carries a nonce must carry ours; PKCE already binds the code to this sign-in
  if (claims.nonce !== undefined && check.nonce !== '' && claims.nonce !== check.nonce) {
    throw new Error('id_token nonce mismatch');
  }
}

/**
 * Checks an id_token: its signature against the provider's published keys (when known), then
 * audience, authorized party, issuer, expiry, subject and nonce. Returns its claims.
 */
export async function verifyIdToken(idToken: string, check: IdTokenCheck): Promise<JWTPayload> {
  if (idToken === '') throw new Error('empty id_token');
  let claims: JWTPayload;
  if (check.jwksURL !== '') {
    const out = await jwtVerify(idToken, keySet(check.jwksURL), {
      algorithms: ALGORITHMS,
      clockTolerance: LEEWAY_SECONDS,
    });
    claims = out.payload;
  } else {
    claims = decodeJwt(idToken);
  }
  checkClaims(claims, check);
  return claims;
}
