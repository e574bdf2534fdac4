import { text, truthy, verifiedEmail } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const patreon: ProviderSpec = {
  displayName: 'Patreon',
  authURL: 'https://www.patreon.com/oauth2/authorize',
  tokenURL: 'https://www.patreon.com/api/oauth2/token',
  userInfoURL:
    'https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=full_name,email,vanity,image_url,is_email_verified',
  scopes: ['identity', 'identity[email]'],
  pkce: true,
  mapUser: (raw) => ({
    id: text(raw, 'data.id'),
    name: text(raw, 'data.attributes.full_name'),
    username: text(raw, 'data.attributes.vanity'),
    email: verifiedEmail(text(raw, 'data.attributes.email'), truthy(raw, 'data.attributes.is_email_verified')),
    avatarURL: text(raw, 'data.attributes.image_url'),
  }),
};
