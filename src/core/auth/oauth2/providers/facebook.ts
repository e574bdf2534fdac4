import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const facebook: ProviderSpec = {
  displayName: 'Facebook',
  authURL: 'https://www.facebook.com/v17.0/dialog/oauth',
  tokenURL: 'https://graph.facebook.com/v17.0/oauth/access_token',
  userInfoURL: 'https://graph.facebook.com/me?fields=name,email,picture.type(large)',
  scopes: ['email'],
  pkce: true,
  // Facebook only returns an email address it has confirmed
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'name'),
    username: '',
    email: text(raw, 'email'),
    avatarURL: text(raw, 'picture.data.url'),
  }),
};
