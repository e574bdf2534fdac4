import { text, truthy, verifiedEmail } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const wakatime: ProviderSpec = {
  displayName: 'WakaTime',
  authURL: 'https://wakatime.com/oauth/authorize',
  tokenURL: 'https://wakatime.com/oauth/token',
  userInfoURL: 'https://wakatime.com/api/v1/users/current',
  scopes: ['email'],
  pkce: true,
  tokenAuth: 'post',
  mapUser: (raw) => ({
    id: text(raw, 'data.id'),
    name: text(raw, 'data.display_name'),
    username: text(raw, 'data.username'),
    email: verifiedEmail(text(raw, 'data.email'), truthy(raw, 'data.is_email_confirmed')),
    avatarURL: text(raw, 'data.photo'),
  }),
};
