import type { Logger } from 'pino';
import { newRecordId } from '../../lib/random.js';
import { formatDate } from '../../lib/time.js';
import type { LogRow, LogStore } from '../../store/log-store.js';

/** An entry waiting in memory: the id and JSON text are made when it is written, off the request path. */
interface Pending {
  at: number;
  level: number;
  message: string;
  data: Record<string, unknown>;
}

export interface WriterOptions {
  /** milliseconds an entry may wait before its batch is written (default 1000) */
  intervalMs?: number;
  /** entries that make a batch worth writing at once (default 500) */
  batchSize?: number;
  /** entries kept in memory at most; beyond that new ones are dropped and counted (default 10000) */
  maxQueue?: number;
}

/** Data that cannot be serialised (a cycle, a BigInt) is stored as a note rather than lost with its batch. */
function toJson(data: Record<string, unknown>): string {
  try {
    return JSON.stringify(data) ?? '{}';
  } catch (err) {
    return JSON.stringify({ serializeError: String(err) });
  }
}

/**
 * Batches log entries off the request path: `add` only pushes to an array; a timer (every
 * `intervalMs`) or a full batch (`batchSize`) writes what is queued in one transaction. The queue is
 * bounded: when the store cannot keep up, new entries are dropped and counted, never piled up.
 */
export class LogWriter {
  private queue: Pending[] = [];
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

  /** Queues an entry; the caller has already applied the settings. */
  add(level: number, message: string, data: Record<string, unknown>): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueue) {
      this.dropped++;
      this.droppedSinceReport++;
      return;
    }
    this.queue.push({ at: Date.now(), level, message, data });
    if (this.queue.length >= this.batchSize) this.startWrite();
    else this.timer ??= setTimeout(() => this.startWrite(), this.intervalMs).unref();
  }

  /** Entries queued and not yet handed to the store. */
  get queued(): number {
    return this.queue.length;
  }

  /** Writes everything queued so far; resolves once it is stored (or failed and was reported). */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
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
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.writeAll().finally(() => {
      this.writing = null;
      if (this.queue.length >= this.batchSize) this.startWrite();
      else if (this.queue.length > 0 && !this.closed)
        this.timer ??= setTimeout(() => this.startWrite(), this.intervalMs).unref();
    });
  }

  private async writeAll(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const rows: LogRow[] = batch.map((e) => ({
      id: newRecordId(),
      created: formatDate(new Date(e.at)),
      level: e.level,
      message: e.message,
      data: toJson(e.data),
    }));
    try {
      await this.store.insert(rows);
    } catch (err) {
      // the data store may be down: these entries are lost, the server keeps serving
      this.log.error({ err, entries: rows.length }, 'writing logs failed');
    }
    if (this.droppedSinceReport > 0) {
      this.log.warn({ dropped: this.droppedSinceReport }, 'log queue full: entries dropped');
      this.droppedSinceReport = 0;
    }
  }
}
