import type { Logger } from 'pino';
import { LogBatch, type RequestLogFields } from '../../store/log-batch.js';
import type { LogStore } from '../../store/log-store.js';

export interface WriterOptions {
  /** milliseconds an entry may wait before its batch is written (default 1000) */
  intervalMs?: number;
  /** entries that make a batch worth writing at once (default 500) */
  batchSize?: number;
  /** entries kept in memory at most; beyond that new ones are dropped and counted (default 10000) */
  maxQueue?: number;
}

/**
 * Batches log entries off the request path: `add` and `addRequest` only append the entry to the
 * pending batch (LogBatch: what the entry is made of, formatted when stored); a timer (every
 * `intervalMs`) or a full batch (`batchSize`) writes what is queued in one transaction. The queue is
 * bounded: when the store cannot keep up, new entries are dropped and counted, never piled up.
 */
export class LogWriter {
  private pending = new LogBatch();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private closed = false;
  /** entries dropped because the queue was full (reported once per write, then reset) */
  private droppedSinceReport = 0;
  /** entries dropped since start */
  dropped = 0;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly maxQueue: number;

  constructor(
    private readonly store: LogStore,
    private readonly log: Logger,
    opts: WriterOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.batchSize = opts.batchSize ?? 500;
    this.maxQueue = opts.maxQueue ?? 10_000;
  }

  /** Queues an entry (`data`: JSON text of an object); the caller has already applied the settings. */
  add(level: number, message: string, data: string): void {
    if (!this.admit()) return;
    this.pending.add(Date.now(), level, message, data);
    this.afterQueued();
  }

  /** Queues a request's log entry; the caller has already applied the settings. */
  addRequest(fields: RequestLogFields): void {
    if (!this.admit()) return;
    this.pending.addRequest(Date.now(), fields);
    this.afterQueued();
  }

  /** False (and the entry counted as dropped) when closed or when the queue is full. */
  private admit(): boolean {
    if (this.closed) return false;
    if (this.pending.count < this.maxQueue) return true;
    this.dropped++;
    this.droppedSinceReport++;
    return false;
  }

  /** After an entry was queued: write a full batch now, or make sure the timer will. */
  private afterQueued(): void {
    if (this.pending.count >= this.batchSize) this.startWrite();
    else this.timer ??= setTimeout(() => this.startWrite(), this.intervalMs).unref();
  }

  /** Entries queued and not yet handed to the store. */
  get queued(): number {
    return this.pending.count;
  }

  /** Writes everything queued so far; resolves once it is stored (or failed and was reported). */
  async flush(): Promise<void> {
    while (this.writing || this.pending.count > 0) {
      if (!this.writing) this.startWrite();
      await this.writing;
    }
  }

  /** Writes what is queued and stops taking entries. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Starts writing the queued entries unless a write is running (that one re-checks the queue when done). */
  private startWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.pending.count === 0) return;
    this.writing = this.writeAll().finally(() => {
      this.writing = null;
      if (this.pending.count >= this.batchSize) this.startWrite();
      else if (this.pending.count > 0 && !this.closed)
        this.timer ??= setTimeout(() => this.startWrite(), this.intervalMs).unref();
    });
  }

  private async writeAll(): Promise<void> {
    const batch = this.pending;
    this.pending = new LogBatch();
    try {
      await this.store.insert(batch.seal());
    } catch (err) {
      // the data store may be down: these entries are lost, the server keeps serving
      this.log.error({ err, entries: batch.count }, 'writing logs failed');
    }
    if (this.droppedSinceReport > 0) {
      this.log.warn({ dropped: this.droppedSinceReport }, 'log queue full: entries dropped');
      this.droppedSinceReport = 0;
    }
  }
}
