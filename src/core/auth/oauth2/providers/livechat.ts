import { text, truthy, verifiedEmail } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const livechat: ProviderSpec = {
  displayName: 'LiveChat',
  authURL: 'https://accounts.livechat.com/',
  tokenURL: 'https://accounts.livechat.com/v2/token',
  userInfoURL: 'https://accounts.livechat.com/v2/accounts/me',
  scopes: [],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'account_id'),
    name: text(raw, 'name'),
    username: '',
    email: verifiedEmail(text(raw, 'email'), truthy(raw, 'email_verified')),
    avatarURL: text(raw, 'avatar_url'),
  }),
};
