import { takeAppleName } from '../apple-names.js';
import { verifyIdToken } from '../id-token.js';
import { text, truthy, verifiedEmail } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Apple has no user-info endpoint: the user is the signed id_token, plus the name the redirect kept. */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const s = ctx.settings;
  const claims = await verifyIdToken(ctx.token.idToken, {
    clientId: s.clientId,
    issuers: s.issuers,
    jwksURL: s.jwksURL,
    nonce: ctx.nonce,
  });
  const name = takeAppleName(ctx.code);
  return name === '' ? { ...claims } : { ...claims, name };
}

export const apple: ProviderSpec = {
  displayName: 'Apple',
  authURL: 'https://appleid.apple.com/auth/authorize',
  tokenURL: 'https://appleid.apple.com/auth/token',
  userInfoURL: '',
  jwksURL: 'https://appleid.apple.com/auth/keys',
  issuers: ['https://appleid.apple.com'],
  scopes: ['name', 'email'],
  pkce: true,
  authParams: { response_mode: 'form_post' },
  tokenAuth: 'post',
  fetchRawUser: rawUser,
  mapUser: (raw) => ({
    id: text(raw, 'sub'),
    name: text(raw, 'name'),
    username: '',
    email: verifiedEmail(text(raw, 'email'), truthy(raw, 'email_verified')),
    avatarURL: '',
  }),
};
