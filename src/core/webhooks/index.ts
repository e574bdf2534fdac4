/** Webhooks: record changes POSTed, signed, to receivers configured per collection, through the outbox. */
import type { App } from '../app.js';
import { addWebhookDeliveriesCleanupJob } from '../jobs/builtin.js';
import { captureRecordWrites } from './capture.js';
import { registerWebhookDelivery } from './deliver.js';
import { deleteOldDeliveries } from './deliveries.js';

export { WEBHOOK_KIND, webhookRecord } from './capture.js';
export { findWebhook, newWebhookSecret } from './config.js';
export { WEBHOOK_RETRY, webhookRetryOf } from './deliver.js';
export { listDeliveries, redeliver } from './deliveries.js';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './sign.js';

/** Turns webhooks on for the app: events queued with record writes, delivered by the outbox, old records pruned. */
export function registerWebhooks(app: App): void {
  captureRecordWrites(app);
  registerWebhookDelivery(app);
  addWebhookDeliveriesCleanupJob(app, deleteOldDeliveries);
}
