import { fetchJson } from '../http.js';
import { text, truthy } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

const QUERY = 'query Me { viewer { id displayName name email avatarUrl active } }';

/** Linear's API is GraphQL: the user is the `viewer`. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchJson(ctx.settings.userInfoURL, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.token.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    signal: ctx.signal,
  });
}

export const linear: ProviderSpec = {
  displayName: 'Linear',
  authURL: 'https://linear.app/oauth/authorize',
  tokenURL: 'https://api.linear.app/oauth/token',
  userInfoURL: 'https://api.linear.app/graphql',
  scopes: ['read'],
  pkce: false,
  fetchRawUser: rawUser,
  mapUser: (raw) => ({
    id: text(raw, 'data.viewer.id'),
    name: text(raw, 'data.viewer.name'),
    username: text(raw, 'data.viewer.displayName'),
    // Linear workspaces sign in with confirmed addresses; a deactivated user gets none
    email: truthy(raw, 'data.viewer.active') ? text(raw, 'data.viewer.email') : '',
    avatarURL: text(raw, 'data.viewer.avatarUrl'),
  }),
};
