import type { Queryable } from '../../store/store.js';

/** One row per event sent (or to send) to one webhook; a redelivery is a row of its own. */
export const DELIVERIES_TABLE = '_webhookDeliveries';
/** One row per HTTP attempt of a delivery. */
export const ATTEMPTS_TABLE = '_webhookAttempts';

/**
 * Delivery states: `pending` (queued, or waiting to be tried again), `sent` (the receiver answered
 * 2xx), `failed` (given up, or the webhook is gone). Times are Unix milliseconds. The same text
 * runs on SQLite and PostgreSQL.
 */
const DDL = [
  `CREATE TABLE IF NOT EXISTS "${DELIVERIES_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "webhookId" TEXT NOT NULL,
  "collectionId" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "event" TEXT NOT NULL,
  "recordId" TEXT NOT NULL,
  "body" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "responseStatus" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT NOT NULL DEFAULT '',
  "redeliveryOf" TEXT NOT NULL DEFAULT '',
  "created" BIGINT NOT NULL,
  "updated" BIGINT NOT NULL
)`,
  `CREATE INDEX IF NOT EXISTS "idx_webhookDeliveries_webhook" ON "${DELIVERIES_TABLE}" ("webhookId", "created")`,
  `CREATE INDEX IF NOT EXISTS "idx_webhookDeliveries_created" ON "${DELIVERIES_TABLE}" ("created")`,
  `CREATE TABLE IF NOT EXISTS "${ATTEMPTS_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "deliveryId" TEXT NOT NULL,
  "attempt" INTEGER NOT NULL,
  "responseStatus" INTEGER NOT NULL DEFAULT 0,
  "responseBody" TEXT NOT NULL DEFAULT '',
  "error" TEXT NOT NULL DEFAULT '',
  "durationMs" INTEGER NOT NULL DEFAULT 0,
  "created" BIGINT NOT NULL
)`,
  `CREATE INDEX IF NOT EXISTS "idx_webhookAttempts_delivery" ON "${ATTEMPTS_TABLE}" ("deliveryId")`,
];

/** The system migration that creates the delivery tables. */
export async function createWebhookTables(tx: Queryable): Promise<void> {
  for (const statement of DDL) await tx.exec(statement);
}
