/** Shown instead of a secret value. */
export const REDACTED = '[redacted]';

/** Keys whose values are secrets wherever they appear (settings, OAuth2 providers, token options). */
const SECRET_KEY = /secret|password|privatekey|token$|apikey|accesskey/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy of `value` with every secret-named key's value replaced (empty values stay empty). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) && v !== '' && v !== null && typeof v !== 'object' ? REDACTED : redactSecrets(v);
  }
  return out;
}
