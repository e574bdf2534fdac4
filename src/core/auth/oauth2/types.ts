/** The shapes every OAuth2 provider and the sign-in flow share. */

/** What a provider says about the user, as the flow and `meta` need it. */
export interface UserFields {
  id: string;
  name: string;
  username: string;
  /** only an address the provider vouches for (verified); '' otherwise */
  email: string;
  avatarURL: string;
}

/** The provider user of a sign-in, serialised into the auth response's `meta`. */
export interface OAuth2User extends UserFields {
  rawUser: Record<string, unknown>;
  accessToken: string;
  refreshToken: string;
  /** token expiry in the API date layout; '' when the provider gave none */
  expiry: string;
}

/** A token endpoint answer. */
export interface OAuth2Token {
  accessToken: string;
  refreshToken: string;
  expiry: string;
  /** the OpenID Connect id_token, '' when none was issued */
  idToken: string;
  /** every key of the answer (some providers put user data here) */
  raw: Record<string, unknown>;
}

/** One provider as configured on an auth collection (`oauth2.providers[]`). */
export interface ProviderConfig {
  name: string;
  clientId: string;
  clientSecret: string;
  authURL: string;
  tokenURL: string;
  userInfoURL: string;
  displayName: string;
  pkce: boolean | null;
  extra: Record<string, unknown> | null;
}

/** How the client authenticates at the token endpoint. */
export type TokenAuthStyle = 'basic' | 'post' | 'auto';

/** A provider ready to use: its table merged with the collection's config (and discovery for OpenID Connect). */
export interface ProviderSettings {
  name: string;
  displayName: string;
  clientId: string;
  clientSecret: string;
  authURL: string;
  tokenURL: string;
  userInfoURL: string;
  scopes: string[];
  pkce: boolean;
  /** more query parameters of the authorization URL */
  authParams: Record<string, string>;
  tokenAuth: TokenAuthStyle;
  /** signing keys of id_tokens ('' when none are known) */
  jwksURL: string;
  /** accepted id_token issuers (empty: any) */
  issuers: string[];
  extra: Record<string, unknown>;
}

/** What a provider's user fetch receives. */
export interface FetchContext {
  settings: ProviderSettings;
  token: OAuth2Token;
  /** the nonce the authorization URL carried, '' when none */
  nonce: string;
  /** the authorization code (Apple keys the user's name by it) */
  code: string;
  signal: AbortSignal;
}

/** One named provider: endpoints, scopes and how its user JSON maps to the user fields. */
export interface ProviderSpec {
  displayName: string;
  authURL: string;
  tokenURL: string;
  userInfoURL: string;
  scopes: string[];
  pkce: boolean;
  authParams?: Record<string, string>;
  tokenAuth?: TokenAuthStyle;
  jwksURL?: string;
  issuers?: string[];
  /** the raw user JSON; by default a GET of the user-info URL with the access token */
  fetchRawUser?: (ctx: FetchContext) => Promise<Record<string, unknown>>;
  mapUser: (raw: Record<string, unknown>, token: OAuth2Token) => UserFields;
}
