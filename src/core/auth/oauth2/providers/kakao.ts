import { text, truthy } from '../raw.js';
import type { ProviderSpec } from '../types.js';

export const kakao: ProviderSpec = {
  displayName: 'Kakao',
  authURL: 'https://kauth.kakao.com/oauth/authorize',
  tokenURL: 'https://kauth.kakao.com/oauth/token',
  userInfoURL: 'https://kapi.kakao.com/v2/user/me',
  scopes: ['account_email', 'profile_nickname', 'profile_image'],
  pkce: true,
  mapUser: (raw) => {
    const ok = truthy(raw, 'kakao_account.is_email_valid') && truthy(raw, 'kakao_account.is_email_verified');
    return {
      id: text(raw, 'id'),
      name: '',
      username: text(raw, 'kakao_account.profile.nickname'),
      email: ok ? text(raw, 'kakao_account.email') : '',
      avatarURL: text(raw, 'kakao_account.profile.profile_image_url'),
    };
  },
};
