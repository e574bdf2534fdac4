import { fetchJson } from '../http.js';
import { joinNames, text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** VK takes the token as a query parameter; the email arrives with the token, not with the user. */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const url = new URL(ctx.settings.userInfoURL);
  url.searchParams.set('access_token', ctx.token.accessToken);
  const body = await fetchJson(url.toString(), { signal: ctx.signal });
  const email = text(ctx.token.raw, 'email');
  return email === '' ? body : { ...body, email };
}

export const vk: ProviderSpec = {
  displayName: 'ВКонтакте',
  authURL: 'https://oauth.vk.com/authorize',
  tokenURL: 'https://oauth.vk.com/access_token',
  userInfoURL: 'https://api.vk.com/method/users.get?fields=photo_max,screen_name&v=5.131',
  scopes: ['email'],
  pkce: false,
  tokenAuth: 'post',
  fetchRawUser: rawUser,
  mapUser: (raw) => ({
    id: text(raw, 'response.0.id'),
    name: joinNames(text(raw, 'response.0.first_name'), text(raw, 'response.0.last_name')),
    username: text(raw, 'response.0.screen_name'),
    email: text(raw, 'email'),
    avatarURL: text(raw, 'response.0.photo_max'),
  }),
};
