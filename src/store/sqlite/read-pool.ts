import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadMethod, WorkerError, WorkerReply, WorkerRequest, WorkerSetup } from './read-worker.js';

/** One worker less than the cores, so the main thread keeps one. */
export function defaultReadWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Requests a worker holds at once; more wait in the pool's queue for whichever worker frees up first. */
const PER_WORKER = 2;

interface Job {
  id: number;
  method: ReadMethod;
  sql: string;
  params: readonly unknown[];
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Map<number, Job>;
  /** settles once the worker is ready or gone */
  started: Promise<void>;
  settle(): void;
}

/** The worker entry: compiled JavaScript next to this file, or the TypeScript source when running under tsx. */
function startWorker(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./read-worker.js', here), { workerData: setup });
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./read-worker.ts', here).href);
  const boot = `import(${loader}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

function toError(e: WorkerError): Error {
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}

/** Structured clone turns Buffers into plain Uint8Arrays; the main-thread connection returns Buffers. */
function reviveRow(row: unknown): void {
  if (row === null || typeof row !== 'object') return;
  const r = row as Record<string, unknown>;
  for (const key in r) {
    const v = r[key];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) r[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
}

function revive(method: ReadMethod, value: unknown): unknown {
  if (method === 'get') reviveRow(value);
  else for (const row of value as unknown[]) reviveRow(row);
  return value;
}

/**
 * Read-only connections to one SQLite file, each in its own worker thread, for costly reads. Workers
 * start on first use and keep the process alive only while starting or busy.
 */
export class ReadPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private started = false;
  private closed = false;
  private failure: unknown;

  constructor(
    private readonly file: string,
    readonly size = defaultReadWorkers(),
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`read pool size must be a positive integer, got ${size}`);
  }

  /** Workers started and not yet gone. */
  get threads(): number {
    return this.slots.length;
  }

  /** Workers started, those with nothing to do, reads queued for a worker, and the pool's size. */
  use(): { total: number; idle: number; waiting: number; max: number } {
    let idle = 0;
    for (const slot of this.slots) if (slot.ready && slot.running.size === 0) idle++;
    return { total: this.slots.length, idle, waiting: this.queue.length, max: this.size };
  }

  /** Whether a worker is ready to take reads; the first call starts the workers. */
  available(): boolean {
    if (this.closed) return false;
    if (!this.started) {
      this.started = true;
      for (let i = 0; i < this.size; i++) this.spawn();
    }
    return this.slots.some((s) => s.ready);
  }

  /** Starts the workers and resolves once every one of them is ready (or has failed to start). */
  async warm(): Promise<void> {
    this.available();
    await Promise.all(this.slots.map((s) => s.started));
  }

  all(sql: string, params: readonly unknown[] = []): Promise<unknown[]> {
    return this.submit('all', sql, params) as Promise<unknown[]>;
  }

  get(sql: string, params: readonly unknown[] = []): Promise<unknown> {
    return this.submit('get', sql, params);
  }

  /** Drops the workers' prepared statements (the schema changed). */
  clearCache(): void {
    for (const slot of this.slots) slot.worker.postMessage({ reset: true } satisfies WorkerRequest);
  }

  /** Fails whatever is queued or running and stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const gone = new Error('the read pool is closed');
    for (const job of this.queue.splice(0)) job.reject(gone);
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        for (const job of slot.running.values()) job.reject(gone);
        slot.running.clear();
        slot.settle();
        // an idle worker is unreferenced; terminating it does not hold the event loop by itself, and a
        // caller awaiting close() with nothing else pending would see its process end mid-way
        slot.worker.ref();
        await slot.worker.terminate();
      }),
    );
  }

  private submit(method: ReadMethod, sql: string, params: readonly unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the read pool is closed'));
    this.available();
    if (this.slots.length === 0) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, method, sql, params, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.slots) {
        if (slot.ready && slot.running.size < PER_WORKER && (!best || slot.running.size < best.running.size)) {
          best = slot;
        }
      }
      if (!best) return;
      const job = this.queue.shift() as Job;
      const msg: WorkerRequest = { id: job.id, method: job.method, sql: job.sql, params: job.params };
      try {
        best.worker.postMessage(msg);
      } catch (err) {
        job.reject(err);
        continue;
      }
      best.running.set(job.id, job);
      if (best.running.size === 1) best.worker.ref();
    }
  }

  private spawn(): void {
    const worker = startWorker({ file: this.file });
    let settle = () => {};
    const started = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const slot: Slot = { worker, ready: false, running: new Map(), started, settle };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => this.receive(slot, reply));
    worker.on('error', (err) => this.lose(slot, err));
    worker.on('exit', (code) => this.lose(slot, new Error(`read worker exited with code ${code}`)));
  }

  private receive(slot: Slot, reply: WorkerReply): void {
    if ('ready' in reply) {
      slot.ready = true;
      slot.settle();
      if (slot.running.size === 0) slot.worker.unref();
      this.dispatch();
      return;
    }
    const job = slot.running.get(reply.id);
    if (!job) return;
    slot.running.delete(reply.id);
    if (slot.running.size === 0) slot.worker.unref();
    if (reply.ok) job.resolve(revive(job.method, reply.value));
    else job.reject(toError(reply.error));
    this.dispatch();
  }

  /** A worker failed: its requests fail with it; one that had been ready is replaced. */
  private lose(slot: Slot, err: unknown): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    this.failure = err;
    slot.settle();
    for (const job of slot.running.values()) job.reject(err);
    slot.running.clear();
    void slot.worker.terminate();
    if (this.closed) return;
    if (slot.ready) this.spawn();
    if (this.slots.length === 0) {
      for (const job of this.queue.splice(0)) job.reject(err);
    }
  }
}
