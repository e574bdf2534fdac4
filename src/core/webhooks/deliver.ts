import { newRecordId } from '../../lib/random.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import type { OutboxItem, RetryPolicy } from '../outbox/index.js';
import { outboxOf } from '../outbox/index.js';
import { WEBHOOK_KIND } from './capture.js';
import { findWebhook } from './config.js';
import { postWebhook, type SendResult } from './send.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './sign.js';
import { ATTEMPTS_TABLE, DELIVERIES_TABLE } from './table.js';

/**
 * The retry schedule of deliveries: 30 s after the first failure, doubling up to an hour between
 * attempts, 12 attempts in all — about five hours before a delivery is given up.
 */
export const WEBHOOK_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 12 };

const policies = new WeakMap<App, RetryPolicy>();

/** The app's webhook retry schedule; changing its values changes the next retries (tests shorten it). */
export function webhookRetryOf(app: App): RetryPolicy {
  let policy = policies.get(app);
  if (!policy) {
    policy = { ...WEBHOOK_RETRY };
    policies.set(app, policy);
  }
  return policy;
}

interface DeliveryRow {
  id: string;
  webhookId: string;
  eventId: string;
  event: string;
  body: string;
}

const t = sql.id(DELIVERIES_TABLE);
const c = (name: string) => sql.id(name);

async function loadDelivery(app: App, id: string): Promise<DeliveryRow | undefined> {
  return app.store.get<DeliveryRow>(
    sql`SELECT ${c('id')}, ${c('webhookId')}, ${c('eventId')}, ${c('event')}, ${c('body')} FROM ${t} WHERE ${c('id')} = ${id}`,
  );
}

async function closeDelivery(app: App, id: string, status: 'sent' | 'failed', error: string): Promise<void> {
  await app.store.run(
    sql`UPDATE ${t} SET ${c('status')} = ${status}, ${c('lastError')} = ${error}, ${c('updated')} = ${Date.now()}
      WHERE ${c('id')} = ${id}`,
  );
}

/** Stores one attempt and its outcome on the delivery (which stays pending after a failure: the outbox retries it). */
async function recordAttempt(app: App, id: string, attempt: number, r: SendResult): Promise<void> {
  const columns = ['id', 'deliveryId', 'attempt', 'responseStatus', 'responseBody', 'error', 'durationMs', 'created'];
  const now = Date.now();
  await app.store.transaction(async (tx) => {
    await tx.run(
      sql`INSERT INTO ${sql.id(ATTEMPTS_TABLE)} (${sql.join(columns.map(c))})
        VALUES (${newRecordId()}, ${id}, ${attempt}, ${r.status}, ${r.response}, ${r.error.slice(0, 2000)},
          ${r.durationMs}, ${now})`,
    );
    await tx.run(
      sql`UPDATE ${t} SET ${c('status')} = ${r.ok ? 'sent' : 'pending'}, ${c('attempts')} = ${attempt},
        ${c('responseStatus')} = ${r.status}, ${c('lastError')} = ${r.error.slice(0, 2000)}, ${c('updated')} = ${now}
        WHERE ${c('id')} = ${id}`,
    );
  });
}

/** One attempt at the delivery an outbox item names; a rejection makes the outbox try again later. */
async function deliverOne(app: App, payload: unknown, item: OutboxItem): Promise<void> {
  const id = String((payload as { delivery?: unknown }).delivery ?? '');
  const delivery = await loadDelivery(app, id);
  // removed meanwhile (older than webhooks.maxDays): nothing left to send
  if (!delivery) return;
  const found = findWebhook(app, delivery.webhookId);
  if (!found) return closeDelivery(app, id, 'failed', 'the webhook was removed');
  if (!found.webhook.enabled) return closeDelivery(app, id, 'failed', 'the webhook is disabled');
  const settings = app.settings.get().webhooks;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Basalt-Webhooks/1',
    'X-Basalt-Event': delivery.event,
    'X-Basalt-Webhook': delivery.webhookId,
    'X-Basalt-Delivery': delivery.id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: webhookSignature(found.webhook.secret, timestamp, delivery.body),
  };
  const result = await postWebhook(found.webhook.url, headers, delivery.body, {
    timeoutMs: settings.timeout * 1000,
    allowPrivate: settings.allowPrivateAddresses,
  });
  await recordAttempt(app, id, item.attempt, result);
  if (!result.ok) throw new Error(result.error);
}

/** Lets the outbox worker deliver webhook events, retrying on the webhook schedule. */
export function registerWebhookDelivery(app: App): void {
  outboxOf(app).handle(
    WEBHOOK_KIND,
    (payload, item) => deliverOne(app, payload, item),
    async (payload) => {
      const id = String((payload as { delivery?: unknown }).delivery ?? '');
      await app.store.run(
        sql`UPDATE ${t} SET ${c('status')} = ${'failed'}, ${c('updated')} = ${Date.now()} WHERE ${c('id')} = ${id}`,
      );
    },
    webhookRetryOf(app),
  );
}
