/** The durable outbox: work queued in the same transaction as the change that caused it, delivered later. */

export type { RetryPolicy } from './backoff.js';
export type { OutboxItem } from './claim.js';
export { enqueue } from './enqueue.js';
export { outboxOf } from './registry.js';
export { createOutboxTable, OUTBOX_CHANNEL, OUTBOX_TABLE } from './table.js';
export type { OutboxGiveUp, OutboxHandler, OutboxOptions, OutboxWorker } from './worker.js';
