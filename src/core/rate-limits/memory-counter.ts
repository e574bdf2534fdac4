import type { RateLimitRule } from '../settings/settings.js';
import { ALLOWED, refused, type Verdict, type WindowCounter } from './counter.js';

interface Window {
  /** epoch ms when the window ends */
  resetAt: number;
  count: number;
}

/** Windows held before an opportunistic prune runs; doubles with the live set so pruning stays amortised O(1). */
const FIRST_PRUNE_AT = 10_000;
/**
 * Hard cap on windows in memory (about 100 bytes each). Past it the oldest windows are dropped, which
 * only lets their clients start a fresh window early: bounded memory wins over exact counts under a
 * flood from very many addresses.
 */
export const MAX_WINDOWS = 500_000;

/**
 * Counts in this process's memory: the path for a database served by one process (SQLite). Per
 * request: one Map read, sometimes one insert.
 */
export class MemoryCounter implements WindowCounter {
  private readonly windows = new Map<string, Window>();
  private pruneAt = FIRST_PRUNE_AT;

  get size(): number {
    return this.windows.size;
  }

  hit(key: string, rule: Readonly<RateLimitRule>, now: number): Verdict {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(key); // re-inserted below: Map order stays oldest-first
      w = { resetAt: now + rule.duration * 1000, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > this.pruneAt) this.pruneSync(now);
    }
    if (w.count >= rule.maxRequests) return refused(w.resetAt, now);
    w.count++;
    return ALLOWED;
  }

  async prune(now: number): Promise<void> {
    this.pruneSync(now);
  }

  /** `_generation` is not needed: the windows are this process's own and are simply dropped. */
  reset(_generation: string): void {
    this.windows.clear();
    this.pruneAt = FIRST_PRUNE_AT;
  }

  private pruneSync(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    // still too many live windows: drop the oldest (Map iteration follows insertion order), down to 90%
    // of the cap so the next full scan is tens of thousands of requests away
    if (this.windows.size > MAX_WINDOWS) {
      for (const key of this.windows.keys()) {
        if (this.windows.size <= MAX_WINDOWS * 0.9) break;
        this.windows.delete(key);
      }
    }
    this.pruneAt = Math.min(MAX_WINDOWS, Math.max(FIRST_PRUNE_AT, this.windows.size * 2));
  }
}
