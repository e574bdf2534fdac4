import { fetchJson } from '../http.js';
import { text, truthy } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

const QUERY = 'query { me { id enabled email is_verified name photo_small } }';

/** monday.com's API is GraphQL: the user is `me`. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchJson(ctx.settings.userInfoURL, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.token.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    signal: ctx.signal,
  });
}

export const monday: ProviderSpec = {
  displayName: 'monday.com',
  authURL: 'https://auth.monday.com/oauth2/authorize',
  tokenURL: 'https://auth.monday.com/oauth2/token',
  userInfoURL: 'https://api.monday.com/v2',
  scopes: ['me:read'],
  pkce: true,
  fetchRawUser: rawUser,
  mapUser: (raw) => {
    const ok = truthy(raw, 'data.me.enabled') && truthy(raw, 'data.me.is_verified');
    return {
      id: text(raw, 'data.me.id'),
      name: text(raw, 'data.me.name'),
      username: '',
      email: ok ? text(raw, 'data.me.email') : '',
      avatarURL: text(raw, 'data.me.photo_small'),
    };
  },
};
