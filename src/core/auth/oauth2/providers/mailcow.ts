import { text, truthy } from '../raw.js';
import type { ProviderSpec } from '../types.js';

/** mailcow is self-hosted: the collection's provider config sets the three URLs of the server. */
export const mailcow: ProviderSpec = {
  displayName: 'mailcow',
  authURL: '',
  tokenURL: '',
  userInfoURL: '',
  scopes: ['profile'],
  pkce: true,
  // a mailbox that is active is an address the server itself delivers to
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'full_name'),
    username: text(raw, 'username'),
    email: truthy(raw, 'active') ? text(raw, 'email') : '',
    avatarURL: '',
  }),
};
