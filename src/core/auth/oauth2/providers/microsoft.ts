import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const microsoft: ProviderSpec = {
  displayName: 'Microsoft',
  authURL: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenURL: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  userInfoURL: 'https://graph.microsoft.com/v1.0/me',
  scopes: ['User.Read'],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'displayName'),
    username: '',
    email: text(raw, 'mail'),
    avatarURL: '',
  }),
};
