import { fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Trakt wants its API version and the client id as the API key on every call. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchWithToken(ctx.settings.userInfoURL, ctx.token.accessToken, ctx.signal, {
    'trakt-api-version': '2',
    'trakt-api-key': ctx.settings.clientId,
  });
}

export const trakt: ProviderSpec = {
  displayName: 'Trakt',
  authURL: 'https://trakt.tv/oauth/authorize',
  tokenURL: 'https://api.trakt.tv/oauth/token',
  userInfoURL: 'https://api.trakt.tv/users/settings',
  scopes: [],
  pkce: true,
  tokenAuth: 'post',
  fetchRawUser: rawUser,
  // Trakt shares no email address
  mapUser: (raw) => ({
    id: text(raw, 'user.ids.uuid'),
    name: text(raw, 'user.name'),
    username: text(raw, 'user.username'),
    email: '',
    avatarURL: text(raw, 'user.images.avatar.full'),
  }),
};
