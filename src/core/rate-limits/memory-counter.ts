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
 * Entries per bucket, then per client IP. Two lookups of strings that are already hashed (a bucket
 * name built once per settings or collection, the socket's cached address) cost far less than one
 * lookup of a key concatenated per request, which must be hashed afresh each time.
 */
export class TwoLevelMap<T extends { resetAt: number }> {
  private readonly buckets = new Map<string, Map<string, T>>();
  private count = 0;
  private pruneAt = FIRST_PRUNE_AT;

  get size(): number {
    return this.count;
  }

  get(bucket: string, ip: string): T | undefined {
    return this.buckets.get(bucket)?.get(ip);
  }

  /** Sets an entry; ended entries are pruned now and then as the map grows. */
  set(bucket: string, ip: string, value: T, now: number): void {
    let ips = this.buckets.get(bucket);
    if (!ips) {
      ips = new Map();
      this.buckets.set(bucket, ips);
    }
    const had = ips.delete(ip); // re-inserted last: iteration stays oldest-first
    ips.set(ip, value);
    if (!had && ++this.count > this.pruneAt) this.prune(now);
  }

  clear(): void {
    this.buckets.clear();
    this.count = 0;
    this.pruneAt = FIRST_PRUNE_AT;
  }

  /** Drops entries that ended by `now`; past the cap, the oldest ones too, down to 90% of it. */
  prune(now: number): void {
    const excess = () => this.count > MAX_WINDOWS * 0.9;
    let capped = false;
    for (const [bucket, ips] of this.buckets) {
      for (const [ip, entry] of ips) {
        if (entry.resetAt <= now) {
          ips.delete(ip);
          this.count--;
        }
      }
      if (ips.size === 0) this.buckets.delete(bucket);
    }
    if (this.count > MAX_WINDOWS) {
      capped = true;
      for (const [bucket, ips] of this.buckets) {
        for (const ip of ips.keys()) {
          if (!excess()) break;
          ips.delete(ip);
          this.count--;
        }
        if (ips.size === 0) this.buckets.delete(bucket);
        if (!excess()) break;
      }
    }
    this.pruneAt = capped ? MAX_WINDOWS : Math.min(MAX_WINDOWS, Math.max(FIRST_PRUNE_AT, this.count * 2));
  }
}

/**
 * Counts in this process's memory: the path for a database served by one process (SQLite). Per
 * request: two Map reads, sometimes an insert.
 */
export class MemoryCounter implements WindowCounter {
  private readonly windows = new TwoLevelMap<Window>();

  get size(): number {
    return this.windows.size;
  }

  hit(bucket: string, ip: string, rule: Readonly<RateLimitRule>, now: number): Verdict {
    let w = this.windows.get(bucket, ip);
    if (!w || w.resetAt <= now) {
      w = { resetAt: now + rule.duration * 1000, count: 0 };
      this.windows.set(bucket, ip, w, now);
    }
    if (w.count >= rule.maxRequests) return refused(w.resetAt, now);
    w.count++;
    return ALLOWED;
  }

  async prune(now: number): Promise<void> {
    this.windows.prune(now);
  }

  reset(): void {
    this.windows.clear();
  }
}
