import { fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Bitbucket lists addresses at /user/emails; the primary confirmed one is used. */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const url = ctx.settings.userInfoURL;
  const user = await fetchWithToken(url, ctx.token.accessToken, ctx.signal);
  const emails = await fetchWithToken(`${url.replace(/\/+$/, '')}/emails`, ctx.token.accessToken, ctx.signal).catch(
    () => null,
  );
  return emails ? { ...user, emails } : user;
}

export const bitbucket: ProviderSpec = {
  displayName: 'Bitbucket',
  authURL: 'https://bitbucket.org/site/oauth2/authorize',
  tokenURL: 'https://bitbucket.org/site/oauth2/access_token',
  userInfoURL: 'https://api.bitbucket.org/2.0/user',
  scopes: ['account', 'email'],
  pkce: false,
  fetchRawUser: rawUser,
  mapUser: (raw) => {
    const values = (raw.emails as { values?: unknown } | undefined)?.values;
    const list = Array.isArray(values) ? values : [];
    const primary = list.find((e) => e?.is_primary === true && e?.is_confirmed === true);
    return {
      id: text(raw, 'uuid'),
      name: text(raw, 'display_name'),
      username: text(raw, 'username'),
      email: primary ? text(primary, 'email') : '',
      avatarURL: text(raw, 'links.avatar.href'),
    };
  },
};
