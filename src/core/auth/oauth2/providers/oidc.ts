import { fetchWithToken, ProviderHttpError } from '../http.js';
import { verifyIdToken } from '../id-token.js';
import { text, truthy, verifiedEmail } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/**
 * The user of an OpenID Connect sign-in. An id_token in the token answer is always checked
 * (signature when the key set is known, audience, issuer, expiry, nonce). The user JSON comes
 * from the user-info endpoint when there is one (and must name the id_token's subject), else
 * from the id_token claims.
 */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const s = ctx.settings;
  const check = { clientId: s.clientId, issuers: s.issuers, jwksURL: s.jwksURL, nonce: ctx.nonce };
  const claims = ctx.token.idToken !== '' ? await verifyIdToken(ctx.token.idToken, check) : null;
  if (s.userInfoURL === '') {
    if (!claims) throw new Error('the provider sent no id_token and no user-info URL is configured');
    return { ...claims };
  }
  const user = await fetchWithToken(s.userInfoURL, ctx.token.accessToken, ctx.signal);
  if (claims && text(user, 'sub') !== claims.sub) {
    throw new ProviderHttpError(s.userInfoURL, 200, 'the user-info subject differs from the id_token subject');
  }
  return user;
}

export const oidc: ProviderSpec = {
  displayName: 'OpenID Connect',
  authURL: '',
  tokenURL: '',
  userInfoURL: '',
  scopes: ['openid', 'email', 'profile'],
  pkce: true,
  fetchRawUser: rawUser,
  mapUser: (raw) => ({
    id: text(raw, 'sub'),
    name: text(raw, 'name'),
    username: text(raw, 'preferred_username'),
    email: verifiedEmail(text(raw, 'email'), truthy(raw, 'email_verified')),
    avatarURL: text(raw, 'picture'),
  }),
};
