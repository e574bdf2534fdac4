import { fetchListWithToken, fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** GitHub leaves `email` empty for private addresses: the primary verified one comes from /user/emails. */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const url = ctx.settings.userInfoURL;
  const user = await fetchWithToken(url, ctx.token.accessToken, ctx.signal);
  const emails = await fetchListWithToken(`${url.replace(/\/+$/, '')}/emails`, ctx.token.accessToken, ctx.signal).catch(
    () => null,
  );
  return emails ? { ...user, emails } : user;
}

export const github: ProviderSpec = {
  displayName: 'GitHub',
  authURL: 'https://github.com/login/oauth/authorize',
  tokenURL: 'https://github.com/login/oauth/access_token',
  userInfoURL: 'https://api.github.com/user',
  scopes: ['read:user', 'user:email'],
  pkce: true,
  fetchRawUser: rawUser,
  mapUser: (raw) => {
    const list = Array.isArray(raw.emails) ? raw.emails : [];
    const primary = list.find((e) => e?.primary === true && e?.verified === true);
    return {
      id: text(raw, 'id'),
      name: text(raw, 'name'),
      username: text(raw, 'login'),
      email: primary ? text(primary, 'email') : '',
      avatarURL: text(raw, 'avatar_url'),
    };
  },
};
