import { fetchListWithToken, fetchWithToken } from '../http.js';
import { text } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Gitee lists the addresses with their state at /emails; only a confirmed one is used. */
async function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  const url = ctx.settings.userInfoURL;
  const user = await fetchWithToken(url, ctx.token.accessToken, ctx.signal);
  const base = url.replace(/\/user\/?$/, '');
  const emails = await fetchListWithToken(`${base}/emails`, ctx.token.accessToken, ctx.signal).catch(() => null);
  return emails ? { ...user, emails } : user;
}

export const gitee: ProviderSpec = {
  displayName: 'Gitee',
  authURL: 'https://gitee.com/oauth/authorize',
  tokenURL: 'https://gitee.com/oauth/token',
  userInfoURL: 'https://gitee.com/api/v5/user',
  scopes: ['user_info', 'emails'],
  pkce: true,
  fetchRawUser: rawUser,
  mapUser: (raw) => {
    const list = Array.isArray(raw.emails) ? raw.emails : [];
    const confirmed = list.find(
      (e) => e?.state === 'confirmed' && Array.isArray(e?.scope) && e.scope.includes('primary'),
    );
    return {
      id: text(raw, 'id'),
      name: text(raw, 'name'),
      username: text(raw, 'login'),
      email: confirmed ? text(confirmed, 'email') : '',
      avatarURL: text(raw, 'avatar_url'),
    };
  },
};
