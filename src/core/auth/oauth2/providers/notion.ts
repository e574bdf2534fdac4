import { fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Notion needs its API version header; the signed-in person is the owner of the integration's bot user. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchWithToken(ctx.settings.userInfoURL, ctx.token.accessToken, ctx.signal, {
    'notion-version': '2022-06-28',
  });
}

export const notion: ProviderSpec = {
  displayName: 'Notion',
  authURL: 'https://api.notion.com/v1/oauth/authorize',
  tokenURL: 'https://api.notion.com/v1/oauth/token',
  userInfoURL: 'https://api.notion.com/v1/users/me',
  scopes: [],
  pkce: true,
  authParams: { owner: 'user' },
  tokenAuth: 'basic',
  fetchRawUser: rawUser,
  mapUser: (raw) => ({
    id: text(raw, 'bot.owner.user.id'),
    name: text(raw, 'bot.owner.user.name'),
    username: '',
    email: text(raw, 'bot.owner.user.person.email'),
    avatarURL: text(raw, 'bot.owner.user.avatar_url'),
  }),
};
