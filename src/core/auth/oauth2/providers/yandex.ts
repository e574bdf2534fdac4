import { fetchJson } from '../http.js';
import { text, truthy } from '../raw.js';
import type { FetchContext, ProviderSpec } from '../types.js';

/** Yandex ID takes its token in an `OAuth` authorization scheme. */
function rawUser(ctx: FetchContext): Promise<Record<string, unknown>> {
  return fetchJson(ctx.settings.userInfoURL, {
    headers: { authorization: `OAuth ${ctx.token.accessToken}` },
    signal: ctx.signal,
  });
}

export const yandex: ProviderSpec = {
  displayName: 'Yandex',
  authURL: 'https://oauth.yandex.com/authorize',
  tokenURL: 'https://oauth.yandex.com/token',
  userInfoURL: 'https://login.yandex.ru/info?format=json',
  scopes: ['login:email', 'login:avatar', 'login:info'],
  pkce: true,
  fetchRawUser: rawUser,
  mapUser: (raw) => {
    const avatar = text(raw, 'default_avatar_id');
    return {
      id: text(raw, 'id'),
      name: text(raw, 'real_name'),
      username: text(raw, 'login'),
      email: text(raw, 'default_email'),
      avatarURL:
        avatar === '' || truthy(raw, 'is_avatar_empty')
          ? ''
          : `https://avatars.yandex.net/get-yapic/${avatar}/islands-200`,
    };
  },
};
