import { joinNames, text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const strava: ProviderSpec = {
  displayName: 'Strava',
  authURL: 'https://www.strava.com/oauth/authorize',
  tokenURL: 'https://www.strava.com/api/v3/oauth/token',
  userInfoURL: 'https://www.strava.com/api/v3/athlete',
  scopes: ['profile:read_all'],
  pkce: true,
  tokenAuth: 'post',
  // Strava shares no email address
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: joinNames(text(raw, 'firstname'), text(raw, 'lastname')),
    username: text(raw, 'username'),
    email: '',
    avatarURL: text(raw, 'profile'),
  }),
};
