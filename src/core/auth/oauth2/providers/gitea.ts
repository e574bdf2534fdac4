import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const gitea: ProviderSpec = {
  displayName: 'Gitea',
  authURL: 'https://gitea.com/login/oauth/authorize',
  tokenURL: 'https://gitea.com/login/oauth/access_token',
  userInfoURL: 'https://gitea.com/api/v1/user',
  scopes: ['read:user', 'user:email'],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'full_name'),
    username: text(raw, 'login'),
    email: text(raw, 'email'),
    avatarURL: text(raw, 'avatar_url'),
  }),
};
