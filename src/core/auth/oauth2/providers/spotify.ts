import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const spotify: ProviderSpec = {
  displayName: 'Spotify',
  authURL: 'https://accounts.spotify.com/authorize',
  tokenURL: 'https://accounts.spotify.com/api/token',
  userInfoURL: 'https://api.spotify.com/v1/me',
  scopes: ['user-read-private', 'user-read-email'],
  pkce: true,
  // Spotify does not confirm addresses, so its `email` is not used to match accounts
  mapUser: (raw) => ({
    id: text(raw, 'id'),
    name: text(raw, 'display_name'),
    username: '',
    email: '',
    avatarURL: text(raw, 'images.0.url'),
  }),
};
