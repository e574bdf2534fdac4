import type { App } from '../app.js';
import { logAppError, logAppInfo, logAppWarn } from '../logs/index.js';
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './backoff.js';
import { claimDue, markFailed, markSent, nextDue, type OutboxItem, pruneSent } from './claim.js';
import { OUTBOX_CHANNEL } from './table.js';

/** Delivers one item; a rejection counts as a failed attempt. */
export type OutboxHandler = (payload: unknown, item: OutboxItem) => Promise<void>;

/** Runs once an item failed its last attempt (undo what only made sense if it was delivered). */
export type OutboxGiveUp = (payload: unknown, item: OutboxItem) => Promise<void>;

export interface OutboxOptions {
  retry: RetryPolicy;
  /** items claimed per round */
  batch: number;
  /** how long a claim holds before another worker may take the item over */
  leaseMs: number;
  /** the longest sleep between two looks at the queue (items queued by instances that cannot notify) */
  pollMs: number;
  /** how long sent items are kept */
  keepSentMs: number;
}

const DEFAULTS: OutboxOptions = {
  retry: DEFAULT_RETRY,
  batch: 10,
  leaseMs: 120_000,
  pollMs: 10_000,
  keepSentMs: 7 * 24 * 3600_000,
};

const PRUNE_EVERY_MS = 3600_000;

/**
 * Sends what the outbox holds. Each round claims due items (no other worker, in this process or
 * another, can hold the same item), runs the handler of their kind and records the outcome: sent,
 * back to pending with a growing delay, or failed after the last attempt. Every attempt is logged.
 * Woken by every enqueue on the database; otherwise it sleeps until the next item falls due.
 */
export class OutboxWorker {
  readonly options: OutboxOptions = { ...DEFAULTS, retry: { ...DEFAULTS.retry } };
  private readonly handlers = new Map<
    string,
    { deliver: OutboxHandler; giveUp: OutboxGiveUp | undefined; retry: RetryPolicy | undefined }
  >();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private lastPrune = 0;

  constructor(private readonly app: App) {}

  /**
   * Sets the handler that delivers items of `kind`, and what to do when one cannot be delivered at all.
   * `retry` gives the kind a schedule of its own (read at each failure, so it may be changed later);
   * without it the worker's `options.retry` applies.
   */
  handle(kind: string, deliver: OutboxHandler, giveUp?: OutboxGiveUp, retry?: RetryPolicy): void {
    this.handlers.set(kind, { deliver, giveUp, retry });
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unlisten = await this.app.store.onChange(OUTBOX_CHANNEL, () => this.wake());
    this.wake();
  }

  /** Looks at the queue now (coalesced with a round already running). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds().finally(() => {
      this.running = null;
      // a wake that came while the round was finishing
      if (this.again) this.wake();
    });
  }

  /** Stops taking work and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.unlisten?.();
    this.unlisten = null;
    await this.running;
  }

  /** Resolves once the queue holds nothing due right now (tests and shutdown paths). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async rounds(): Promise<void> {
    try {
      do {
        this.again = false;
        const items = await claimDue(this.app.store, this.options.batch, this.options.leaseMs);
        await Promise.all(items.map((item) => this.deliver(item)));
        if (items.length === this.options.batch) this.again = true;
      } while (this.again && !this.stopped);
      await this.prune();
    } catch (err) {
      this.app.log.warn({ err }, 'outbox round failed');
    }
    await this.schedule();
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const base = { type: 'outbox', kind: item.kind, id: item.id, attempt: item.attempt };
    const handler = this.handlers.get(item.kind);
    try {
      if (!handler) throw new Error(`no handler for outbox items of kind "${item.kind}"`);
      await handler.deliver(item.payload, item);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const policy = handler?.retry ?? this.options.retry;
      const last = item.attempt >= policy.maxAttempts;
      const retryAt = last ? null : Date.now() + retryDelay(policy, item.attempt);
      await markFailed(this.app.store, item, error, retryAt);
      if (last) {
        logAppError(this.app, `outbox ${item.kind} failed for good`, { ...base, error });
        await handler
          ?.giveUp?.(item.payload, item)
          .catch((e) => this.app.log.warn({ err: e }, 'outbox give-up failed'));
      } else logAppWarn(this.app, `outbox ${item.kind} attempt failed`, { ...base, error, retryAt });
      return;
    }
    const kept = await markSent(this.app.store, item);
    logAppInfo(this.app, `outbox ${item.kind} sent`, { ...base, ...(kept ? {} : { leaseLost: true }) });
  }

  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await pruneSent(this.app.store, Date.now() - this.options.keepSentMs);
  }

  /** Sleeps until the next item falls due, at most `pollMs`. */
  private async schedule(): Promise<void> {
    if (this.stopped) return;
    let wait = this.options.pollMs;
    try {
      const due = await nextDue(this.app.store);
      if (due !== null) wait = Math.min(wait, Math.max(20, due - Date.now()));
    } catch (err) {
      this.app.log.warn({ err }, 'outbox schedule failed');
    }
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, wait);
    this.timer.unref();
  }
}
