import { sql } from '../../store/sql.js';
import type { Store } from '../../store/store.js';
import type { RateLimitRule } from '../settings/settings.js';
import { ALLOWED, refused, type Verdict, type WindowCounter } from './counter.js';
import { TwoLevelMap } from './memory-counter.js';

/**
 * What this instance may still admit in one window without asking the database: `tokens` were
 * claimed from the shared count; `exhausted` says the shared count has no more to give until `resetAt`.
 */
interface Lease {
  resetAt: number;
  tokens: number;
  exhausted: boolean;
}

const TABLE = sql.id('_rateLimits');
const KEY = sql.id('key');
const RESET_AT = sql.id('resetAt');
const STARTED_AT = sql.id('startedAt');
const COUNT = sql.id('count');

/** How often at most expired rows are deleted as a side effect of counting. */
const DB_PRUNE_EVERY_MS = 60_000;

/**
 * Requests one claim takes from the shared count: 1/20 of the limit, at least 1. Never more is
 * admitted than `maxRequests` in total; tokens an instance claimed but did not use are lost for
 * the window, so with N instances a client may be refused up to N × (chunk − 1) requests early
 * (under 5% per instance), while a busy key costs one database round trip per chunk instead of
 * one per request.
 */
export function chunkOf(maxRequests: number): number {
  return Math.max(1, Math.floor(maxRequests / 20));
}

/**
 * Counts in the database, for instances sharing one: each window is a row in `_rateLimits` whose
 * count grows by one atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING` per claim, so a limit
 * holds across all instances together. A settings change ends every window that started before it:
 * each instance notes when it applied the change, and its next claim on an older window starts a new
 * one (no rows are deleted, so nothing an instance counted after the change is lost unless another
 * instance hears of the same change later, within the propagation delay). Window times come from each
 * instance's clock, which must be in sync (as token expiry already requires).
 */
export class SharedCounter implements WindowCounter {
  private readonly leases = new TwoLevelMap<Lease>();
  /** claims in flight, by database key */
  private readonly claims = new Map<string, Promise<boolean>>();
  /** windows started before this (epoch ms: when the settings last changed) are over */
  private cutoff = 0;
  private started = false;
  private table: Promise<void> | undefined;
  private lastDbPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly onError: (err: unknown) => void,
  ) {}

  get size(): number {
    return this.leases.size;
  }

  hit(bucket: string, ip: string, rule: Readonly<RateLimitRule>, now: number): Verdict | Promise<Verdict> {
    return this.fromLease(bucket, ip, now) ?? this.claimThenHit(bucket, ip, rule);
  }

  reset(): void {
    // settings in force from startup restart nothing: the other instances' windows stay valid
    this.cutoff = this.started ? Date.now() : 0;
    this.started = true;
    this.leases.clear();
  }

  async prune(now: number): Promise<void> {
    this.leases.prune(now);
    await this.ensureTable();
    await this.store.run(sql`DELETE FROM ${TABLE} WHERE ${RESET_AT} <= ${now}`);
    this.lastDbPrune = now;
  }

  /** The answer the local lease gives, or undefined when the database must be asked. */
  private fromLease(bucket: string, ip: string, now: number): Verdict | undefined {
    const lease = this.leases.get(bucket, ip);
    if (!lease || lease.resetAt <= now) return undefined;
    if (lease.tokens > 0) {
      lease.tokens--;
      return ALLOWED;
    }
    return lease.exhausted ? refused(lease.resetAt, now) : undefined;
  }

  /** Claims (one claim in flight per key; concurrent requests wait for it), then answers from the lease. */
  private async claimThenHit(bucket: string, ip: string, rule: Readonly<RateLimitRule>): Promise<Verdict> {
    const key = `${bucket}|${ip}`;
    for (;;) {
      let claim = this.claims.get(key);
      if (!claim) {
        claim = this.claim(bucket, ip, key, rule).finally(() => this.claims.delete(key));
        this.claims.set(key, claim);
      }
      // the database failed: admit rather than refuse everyone (the failure is logged)
      if (!(await claim)) return ALLOWED;
      // each claim grants a token or marks the window exhausted, so this loop ends
      const verdict = this.fromLease(bucket, ip, Date.now());
      if (verdict) return verdict;
    }
  }

  private async claim(bucket: string, ip: string, key: string, rule: Readonly<RateLimitRule>): Promise<boolean> {
    const chunk = chunkOf(rule.maxRequests);
    try {
      await this.ensureTable();
      const cutoff = this.cutoff;
      const now = Date.now();
      // a window is over once its time has passed or when it started before the last settings change
      const over = sql`(${TABLE}.${RESET_AT} <= ${now} OR ${TABLE}.${STARTED_AT} < ${cutoff})`;
      const row = await this.store.get<{ count: unknown; resetAt: unknown }>(sql`
        INSERT INTO ${TABLE} (${KEY}, ${RESET_AT}, ${STARTED_AT}, ${COUNT})
        VALUES (${key}, ${now + rule.duration * 1000}, ${now}, ${chunk})
        ON CONFLICT (${KEY}) DO UPDATE SET
          ${COUNT} = CASE WHEN ${over} THEN excluded.${COUNT} ELSE ${TABLE}.${COUNT} + excluded.${COUNT} END,
          ${RESET_AT} = CASE WHEN ${over} THEN excluded.${RESET_AT} ELSE ${TABLE}.${RESET_AT} END,
          ${STARTED_AT} = CASE WHEN ${over} THEN excluded.${STARTED_AT} ELSE ${TABLE}.${STARTED_AT} END
        RETURNING ${COUNT}, ${RESET_AT}`);
      const before = Number(row?.count) - chunk;
      const granted = Math.max(0, Math.min(chunk, rule.maxRequests - before));
      // the settings changed while the claim ran: its count belongs to the old ones (the caller claims again)
      if (cutoff !== this.cutoff) return true;
      const lease = { resetAt: Number(row?.resetAt), tokens: granted, exhausted: granted < chunk };
      this.leases.set(bucket, ip, lease, now);
      if (now - this.lastDbPrune > DB_PRUNE_EVERY_MS) {
        this.lastDbPrune = now;
        this.prune(now).catch(this.onError);
      }
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }

  /** Creates the table on first use, under the schema lock so instances starting together do not race. */
  private ensureTable(): Promise<void> {
    this.table ??= this.store
      .schemaTransaction((tx) =>
        tx.exec(sql`CREATE TABLE IF NOT EXISTS ${TABLE} (
          ${KEY} TEXT PRIMARY KEY NOT NULL,
          ${RESET_AT} BIGINT NOT NULL,
          ${STARTED_AT} BIGINT NOT NULL,
          ${COUNT} BIGINT NOT NULL
        )`),
      )
      .catch((err: unknown) => {
        this.table = undefined;
        throw err;
      });
    return this.table;
  }
}
