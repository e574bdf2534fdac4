import type { AuthOptions, Collection, TokenConfig } from '../collection.js';

export type TokenType = 'auth' | 'file' | 'verification' | 'passwordReset' | 'emailChange';

/** Which collection token option signs each token type. */
const TOKEN_CONFIG_KEY = {
  auth: 'authToken',
  file: 'fileToken',
  verification: 'verificationToken',
  passwordReset: 'passwordResetToken',
  emailChange: 'emailChangeToken',
} as const satisfies Record<TokenType, keyof AuthOptions>;

export function isTokenType(value: unknown): value is TokenType {
  return typeof value === 'string' && Object.hasOwn(TOKEN_CONFIG_KEY, value);
}

/** The token config (secret + duration) of an auth collection for a token type. */
export function tokenConfigOf(collection: Collection, type: TokenType): TokenConfig | undefined {
  if (collection.type !== 'auth' || !collection.auth) return undefined;
  const config = collection.auth[TOKEN_CONFIG_KEY[type]];
  if (!config || typeof config.secret !== 'string') return undefined;
  return config;
}

/** Claims every Basalt token carries. */
export interface TokenClaims {
  id: string;
  collectionId: string;
  type: TokenType;
  exp: number;
  refreshable?: boolean;
  email?: string;
  newEmail?: string;
  [claim: string]: unknown;
}
