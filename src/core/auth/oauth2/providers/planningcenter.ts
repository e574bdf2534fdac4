import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const planningcenter: ProviderSpec = {
  displayName: 'Planning Center',
  authURL: 'https://api.planningcenteronline.com/oauth/authorize',
  tokenURL: 'https://api.planningcenteronline.com/oauth/token',
  userInfoURL: 'https://api.planningcenteronline.com/people/v2/me',
  scopes: ['people'],
  pkce: true,
  // a person record carries no confirmed address
  mapUser: (raw) => ({
    id: text(raw, 'data.id'),
    name: text(raw, 'data.attributes.name'),
    username: '',
    email: '',
    avatarURL: text(raw, 'data.attributes.avatar'),
  }),
};
