/** The durable outbox: work queued in the same transaction as the change that caused it, delivered later. */
import type { App } from '../app.js';
import { OutboxWorker } from './worker.js';

export type { RetryPolicy } from './backoff.js';
export type { OutboxItem } from './claim.js';
export { enqueue, OUTBOX_CHANNEL } from './enqueue.js';
export { createOutboxTable, OUTBOX_TABLE } from './table.js';
export type { OutboxHandler, OutboxOptions, OutboxWorker } from './worker.js';

const workers = new WeakMap<App, OutboxWorker>();

/** The app's outbox worker (created on first use; it sends only once started). */
export function outboxOf(app: App): OutboxWorker {
  let worker = workers.get(app);
  if (!worker) {
    worker = new OutboxWorker(app);
    workers.set(app, worker);
  }
  return worker;
}
