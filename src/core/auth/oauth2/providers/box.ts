import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const box: ProviderSpec = {
  displayName: 'Box',
  authURL: 'https://account.box.com/api/oauth2/authorize',
  tokenURL: 'https://api.box.com/oauth2/token',
  userInfoURL: 'https://api.box.com/2.0/users/me',
  scopes: ['root_readonly'],
  pkce: true,
  // the login of a Box account is its (confirmed) email address
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'name'),
    username: '',
    email: text(raw, 'login'),
    avatarURL: text(raw, 'avatar_url'),
  }),
};
