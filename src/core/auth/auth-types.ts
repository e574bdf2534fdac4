/** Shapes shared by the auth flows and the event catalogue (types only, so events need not import the flows). */

/** A sign-in method that may lead to MFA and login alerts. */
export type AuthMethod = 'password' | 'otp' | 'oauth2';

/** The body of every successful authentication. */
export interface AuthResponse {
  token: string;
  record: Record<string, unknown>;
  /** OAuth2 only */
  meta?: Record<string, unknown>;
}
