import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const gitlab: ProviderSpec = {
  displayName: 'GitLab',
  authURL: 'https://gitlab.com/oauth/authorize',
  tokenURL: 'https://gitlab.com/oauth/token',
  userInfoURL: 'https://gitlab.com/api/v4/user',
  scopes: ['read_user'],
  pkce: true,
  // GitLab only signs in accounts whose primary email is confirmed
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'name'),
    username: text(raw, 'username'),
    email: text(raw, 'state') === 'active' ? text(raw, 'email') : '',
    avatarURL: text(raw, 'avatar_url'),
  }),
};
