import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const instagram: ProviderSpec = {
  displayName: 'Instagram',
  authURL: 'https://www.instagram.com/oauth/authorize',
  tokenURL: 'https://api.instagram.com/oauth/access_token',
  userInfoURL: 'https://graph.instagram.com/me?fields=id,user_id,username,name,profile_picture_url',
  scopes: ['instagram_business_basic'],
  pkce: true,
  // Instagram shares no email address
  mapUser: (raw) => ({
    id: text(raw, 'user_id') || text(raw, 'id'),
    name: text(raw, 'name'),
    username: text(raw, 'username'),
    email: '',
    avatarURL: text(raw, 'profile_picture_url'),
  }),
};
