import type { RateLimitRule } from '../settings/settings.js';

/** The answer for one counted request. */
export interface Verdict {
  readonly allowed: boolean;
  /** whole seconds until the window resets (at least 1); 0 when allowed */
  readonly retryAfter: number;
}

export const ALLOWED: Verdict = Object.freeze({ allowed: true, retryAfter: 0 });

export function refused(resetAt: number, now: number): Verdict {
  return { allowed: false, retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}

/**
 * Fixed-window request counting, one window per bucket and client IP. A window starts at the first
 * request and lasts `rule.duration` seconds; `rule.maxRequests` fit in it.
 */
export interface WindowCounter {
  /** Counts one request; synchronous when the answer is known locally. */
  hit(bucket: string, ip: string, rule: Readonly<RateLimitRule>, now: number): Verdict | Promise<Verdict>;
  /** Forgets windows that ended before `now`. */
  prune(now: number): Promise<void>;
  /** Ends every window (the settings changed). */
  reset(): void;
  /** windows held in memory */
  readonly size: number;
}
