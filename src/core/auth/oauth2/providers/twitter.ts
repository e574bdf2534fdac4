import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const twitter: ProviderSpec = {
  displayName: 'X/Twitter',
  authURL: 'https://twitter.com/i/oauth2/authorize',
  tokenURL: 'https://api.twitter.com/2/oauth2/token',
  userInfoURL: 'https://api.twitter.com/2/users/me?user.fields=id,name,username,profile_image_url,confirmed_email',
  scopes: ['users.read', 'tweet.read', 'users.email'],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'data.id'),
    name: text(raw, 'data.name'),
    username: text(raw, 'data.username'),
    email: text(raw, 'data.confirmed_email'),
    avatarURL: text(raw, 'data.profile_image_url'),
  }),
};
