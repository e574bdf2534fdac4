import { text, truthy, verifiedEmail } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const google: ProviderSpec = {
  displayName: 'Google',
  authURL: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenURL: 'https://oauth2.googleapis.com/token',
  userInfoURL: 'https://www.googleapis.com/oauth2/v3/userinfo',
  scopes: ['https://www.googleapis.com/auth/userinfo.profile', 'https://www.googleapis.com/auth/userinfo.email'],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'sub'),
    name: text(raw, 'name'),
    username: '',
    email: verifiedEmail(text(raw, 'email'), truthy(raw, 'email_verified')),
    avatarURL: text(raw, 'picture'),
  }),
};
