/** What the collection editor knows about auth options: provider names, mail templates, token lifetimes. */

/** The OAuth2 provider names the server accepts (a test keeps this list equal to the server's). */
export const OAUTH2_PROVIDERS = [
  'apple', 'bitbucket', 'box', 'discord', 'facebook', 'gitea', 'gitee', 'github', 'gitlab', 'google', 'instagram2',
  'kakao', 'lark', 'linear', 'livechat', 'mailcow', 'microsoft', 'monday', 'notion', 'oidc', 'oidc2', 'oidc3',
  'patreon', 'planningcenter', 'spotify', 'strava', 'trakt', 'twitch', 'twitter', 'vk', 'wakatime', 'yandex',
] as const;

/** Providers whose endpoints the admin supplies (self-hosted or generic OpenID Connect). */
export const needsEndpoints = (name: string): boolean => /^(oidc\d?|gitea|gitlab|mailcow|planningcenter)$/.test(name);

/** Mail templates by the path of their `{subject, body}` object on the collection JSON. */
export const TEMPLATES: readonly { path: string[]; label: string; hint: string }[] = [
  { path: ['verificationTemplate'], label: 'Verification', hint: '{APP_NAME}, {APP_URL}, {TOKEN}, {RECORD:field}' },
  { path: ['resetPasswordTemplate'], label: 'Password reset', hint: '{APP_NAME}, {APP_URL}, {TOKEN}, {RECORD:field}' },
  { path: ['confirmEmailChangeTemplate'], label: 'Email change', hint: '{APP_NAME}, {APP_URL}, {TOKEN}, {RECORD:field}' },
  { path: ['otp', 'emailTemplate'], label: 'One-time password', hint: '{APP_NAME}, {APP_URL}, {OTP}, {OTP_ID}, {RECORD:field}' },
  { path: ['authAlert', 'emailTemplate'], label: 'Login alert', hint: '{APP_NAME}, {APP_URL}, {ALERT_INFO}, {RECORD:field}' },
];

/** Token kinds, each `{duration}` in seconds on the collection JSON. */
export const TOKENS: readonly [string, string][] = [
  ['authToken', 'Auth token'],
  ['verificationToken', 'Verification token'],
  ['passwordResetToken', 'Password reset token'],
  ['emailChangeToken', 'Email change token'],
  ['fileToken', 'Protected file token'],
];

/** Every auth option key, as they sit flat on the collection JSON. */
export const AUTH_KEYS = [
  'authRule', 'manageRule', 'authAlert', 'oauth2', 'passwordAuth', 'mfa', 'otp', 'authToken', 'passwordResetToken',
  'emailChangeToken', 'verificationToken', 'fileToken', 'verificationTemplate', 'resetPasswordTemplate',
  'confirmEmailChangeTemplate',
] as const;

/** The object at `path` inside `root`, created empty on the way when missing. */
export function objectAt(root: Record<string, any>, path: readonly string[]): Record<string, any> {
  let node = root;
  for (const key of path) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  return node;
}

export function newProvider(name = ''): Record<string, unknown> {
  return { name, clientId: '', clientSecret: '', displayName: '', authURL: '', tokenURL: '', userInfoURL: '', pkce: null };
}
