import { text } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const lark: ProviderSpec = {
  displayName: 'Lark',
  authURL: 'https://accounts.larksuite.com/open-apis/authen/v1/authorize',
  tokenURL: 'https://open.larksuite.com/open-apis/authen/v2/oauth/token',
  userInfoURL: 'https://open.larksuite.com/open-apis/authen/v1/user_info',
  scopes: [],
  pkce: true,
  tokenAuth: 'post',
  // the enterprise address is managed by the tenant; a personal `email` is not confirmed by Lark
  mapUser: (raw) => ({
    id: text(raw, 'data.union_id') || text(raw, 'data.open_id'),
    name: text(raw, 'data.name'),
    username: '',
    email: text(raw, 'data.enterprise_email'),
    avatarURL: text(raw, 'data.avatar_url'),
  }),
};
