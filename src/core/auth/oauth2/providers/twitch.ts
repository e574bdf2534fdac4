import { fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Twitch's Helix API wants the client id beside the token. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchWithToken(ctx.settings.userInfoURL, ctx.token.accessToken, ctx.signal, {
    'client-id': ctx.settings.clientId,
  });
}

export const twitch: ProviderSpec = {
  displayName: 'Twitch',
  authURL: 'https://id.twitch.tv/oauth2/authorize',
  tokenURL: 'https://id.twitch.tv/oauth2/token',
  userInfoURL: 'https://api.twitch.tv/helix/users',
  scopes: ['user:read:email'],
  pkce: false,
  tokenAuth: 'post',
  fetchRawUser: rawUser,
  // Helix only returns `email` once the user has verified it
  mapUser: (raw) => ({
    id: text(raw, 'data.0.id'),
    name: text(raw, 'data.0.display_name'),
    username: text(raw, 'data.0.login'),
    email: text(raw, 'data.0.email'),
    avatarURL: text(raw, 'data.0.profile_image_url'),
  }),
};
