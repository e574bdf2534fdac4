import type { Collection } from '../collection.js';

/** One OAuth2 provider as listed by auth-methods (built by the OAuth2 module). */
export type ProviderInfo = Record<string, unknown> & { name: string };

export interface AuthMethodsResponse {
  password: { identityFields: string[]; enabled: boolean };
  oauth2: { providers: ProviderInfo[]; enabled: boolean };
  mfa: { enabled: boolean; duration: number };
  otp: { enabled: boolean; duration: number };
  authProviders: ProviderInfo[] | null;
  usernamePassword: boolean;
  emailPassword: boolean;
}

/** The public description of a collection's sign-in methods, legacy keys included. */
export function authMethods(collection: Collection, providers: ProviderInfo[] = []): AuthMethodsResponse {
  const auth = collection.auth;
  const passwordEnabled = Boolean(auth?.passwordAuth.enabled);
  const identityFields = passwordEnabled ? [...(auth?.passwordAuth.identityFields ?? [])] : [];
  const oauth2Enabled = Boolean(auth?.oauth2.enabled);
  const oauth2Providers = oauth2Enabled ? providers : [];
  const mfaEnabled = Boolean(auth?.mfa.enabled);
  const otpEnabled = Boolean(auth?.otp.enabled);
  return {
    password: { identityFields, enabled: passwordEnabled },
    oauth2: { providers: oauth2Providers, enabled: oauth2Enabled },
    mfa: { enabled: mfaEnabled, duration: mfaEnabled ? Number(auth?.mfa.duration ?? 0) : 0 },
    otp: { enabled: otpEnabled, duration: otpEnabled ? Number(auth?.otp.duration ?? 0) : 0 },
    authProviders: oauth2Enabled ? oauth2Providers : null,
    usernamePassword: passwordEnabled && identityFields.includes('username'),
    emailPassword: passwordEnabled && identityFields.includes('email'),
  };
}
