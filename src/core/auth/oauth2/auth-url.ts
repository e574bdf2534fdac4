import { codeChallenge, newCodeVerifier, newState, nonceFor } from './pkce.js';
import { isOidc } from './registry.js';
import type { ProviderSettings } from './types.js';

/** One provider entry of `auth-methods`. */
export interface ProviderAuthInfo {
  name: string;
  displayName: string;
  state: string;
  authURL: string;
  /** legacy duplicate of authURL */
  authUrl: string;
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  [key: string]: unknown;
}

/**
 * The authorization URL of a fresh sign-in: its parameters sorted by name, then an empty
 * `redirect_uri=` last so the client can append its own encoded redirect URL.
 */
export function buildAuthInfo(s: ProviderSettings): ProviderAuthInfo {
  const state = newState();
  const verifier = s.pkce ? newCodeVerifier() : '';
  const challenge = s.pkce ? codeChallenge(verifier) : '';
  const params: Record<string, string> = {
    ...s.authParams,
    client_id: s.clientId,
    response_type: 'code',
    state,
  };
  if (s.scopes.length > 0) params.scope = s.scopes.join(' ');
  if (s.pkce) {
    params.code_challenge = challenge;
    params.code_challenge_method = 'S256';
  }
  if ((isOidc(s.name) || s.name === 'apple') && verifier !== '') params.nonce = nonceFor(verifier);
  const query = new URLSearchParams(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const joiner = s.authURL.includes('?') ? '&' : '?';
  const authURL = `${s.authURL}${joiner}${query.toString()}&redirect_uri=`;
  return {
    name: s.name,
    displayName: s.displayName,
    state,
    authURL,
    authUrl: authURL,
    codeVerifier: verifier,
    codeChallenge: challenge,
    codeChallengeMethod: s.pkce ? 'S256' : '',
  };
}
