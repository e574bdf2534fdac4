/** When and how often the worker tries an item again. */
export interface RetryPolicy {
  /** delay before the second attempt; each later one doubles it */
  baseMs: number;
  /** the longest delay between two attempts */
  maxMs: number;
  /** attempts before an item is marked failed */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 10 };

/**
 * Delay after failed attempt number `attempt` (1-based): exponential, capped, with up to 20% random
 * added so instances that failed together do not all retry at the same moment.
 */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 + Math.random() * 0.2));
}
