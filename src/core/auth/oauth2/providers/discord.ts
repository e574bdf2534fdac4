import { text, truthy, verifiedEmail } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const discord: ProviderSpec = {
  displayName: 'Discord',
  authURL: 'https://discord.com/api/oauth2/authorize',
  tokenURL: 'https://discord.com/api/oauth2/token',
  userInfoURL: 'https://discord.com/api/users/@me',
  scopes: ['identify', 'email'],
  pkce: true,
  mapUser: (raw) => {
    const id = text(raw, 'id');
    const avatar = text(raw, 'avatar');
    return {
      id,
      name: text(raw, 'global_name') || text(raw, 'username'),
      username: text(raw, 'username'),
      email: verifiedEmail(text(raw, 'email'), truthy(raw, 'verified')),
      avatarURL: avatar === '' ? '' : `https://cdn.discordapp.com/avatars/${id}/${avatar}.png`,
    };
  },
};
