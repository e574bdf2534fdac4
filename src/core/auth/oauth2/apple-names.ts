/**
 * Apple sends the user's name only once, to the redirect (form_post), never to the code exchange.
 * The redirect keeps it here for a minute, keyed by the authorization code, for the exchange to use.
 */

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const names = new Map<string, { name: string; at: number }>();

function sweep(now: number): void {
  for (const [code, entry] of names) {
    if (now - entry.at < TTL_MS) break;
    names.delete(code);
  }
}

/** Reads Apple's `user` form value (`{"name":{"firstName","lastName"}}`) and keeps the full name for `code`. */
export function rememberAppleName(code: string, userJson: string): void {
  if (code === '' || userJson === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(userJson);
  } catch {
    return;
  }
  const n = (parsed as { name?: { firstName?: unknown; lastName?: unknown } } | null)?.name;
  const parts = [n?.firstName, n?.lastName].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (parts.length === 0) return;
  const now = Date.now();
  sweep(now);
  if (names.size >= MAX_ENTRIES) return;
  names.set(code, { name: parts.join(' ').slice(0, 255), at: now });
}

/** The name kept for `code` (once), or ''. */
export function takeAppleName(code: string): string {
  const entry = names.get(code);
  if (!entry) return '';
  names.delete(code);
  return Date.now() - entry.at < TTL_MS ? entry.name : '';
}
