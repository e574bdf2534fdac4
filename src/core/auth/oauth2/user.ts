import { fetchWithToken } from './http.js';
import type { FetchContext, OAuth2User, ProviderSpec } from './types.js';

/** Reads the provider user (the provider's own fetch, or a GET of its user-info URL) and maps it. */
export async function fetchProviderUser(spec: ProviderSpec, ctx: FetchContext): Promise<OAuth2User> {
  let raw: Record<string, unknown>;
  if (spec.fetchRawUser) raw = await spec.fetchRawUser(ctx);
  else {
    if (ctx.settings.userInfoURL === '') throw new Error(`the ${ctx.settings.name} provider has no user-info URL`);
    raw = await fetchWithToken(ctx.settings.userInfoURL, ctx.token.accessToken, ctx.signal);
  }
  const fields = spec.mapUser(raw, ctx.token);
  if (fields.id === '') throw new Error(`the ${ctx.settings.name} user has no id`);
  return {
    ...fields,
    rawUser: raw,
    accessToken: ctx.token.accessToken,
    refreshToken: ctx.token.refreshToken,
    expiry: ctx.token.expiry,
  };
}

/** The auth response `meta` of an OAuth2 sign-in. */
export function oauth2Meta(user: OAuth2User, isNew: boolean): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    email: user.email,
    avatarURL: user.avatarURL,
    // legacy duplicate kept for older clients
    avatarUrl: user.avatarURL,
    accessToken: user.accessToken,
    refreshToken: user.refreshToken,
    expiry: user.expiry,
    rawUser: user.rawUser,
    isNew,
  };
}
