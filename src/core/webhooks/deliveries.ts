import { formatDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Row } from '../../store/store.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { type ListResult, queryPage } from '../list-page.js';
import { type ListQuery, parsePaging } from '../list-params.js';
import { queueDelivery } from './capture.js';
import { findWebhook } from './config.js';
import { ATTEMPTS_TABLE, DELIVERIES_TABLE } from './table.js';

const t = sql.id(DELIVERIES_TABLE);
const c = (name: string) => sql.id(name);
const date = (ms: unknown) => formatDate(new Date(Number(ms)));
const STATUSES = ['pending', 'sent', 'failed'];

function parseBody(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return null;
  }
}

function deliveryJson(r: Row, attempts: Record<string, unknown>[]): Record<string, unknown> {
  return {
    id: String(r.id),
    webhookId: String(r.webhookId),
    collectionId: String(r.collectionId),
    eventId: String(r.eventId),
    event: String(r.event),
    recordId: String(r.recordId),
    status: String(r.status),
    responseStatus: Number(r.responseStatus),
    lastError: String(r.lastError),
    redeliveryOf: String(r.redeliveryOf),
    body: parseBody(r.body),
    attempts,
    created: date(r.created),
    updated: date(r.updated),
  };
}

/** The attempts of the given deliveries, oldest first, by delivery id. */
async function attemptsOf(app: App, ids: string[]): Promise<Map<string, Record<string, unknown>[]>> {
  const out = new Map<string, Record<string, unknown>[]>();
  if (ids.length === 0) return out;
  const rows = await app.store.all(
    sql`SELECT * FROM ${sql.id(ATTEMPTS_TABLE)} WHERE ${c('deliveryId')} IN (${sql.join(ids.map((id) => sql`${id}`))})
      ORDER BY ${c('attempt')}, ${c('created')}`,
  );
  for (const r of rows) {
    const list = out.get(String(r.deliveryId)) ?? [];
    list.push({
      attempt: Number(r.attempt),
      responseStatus: Number(r.responseStatus),
      responseBody: String(r.responseBody),
      error: String(r.error),
      durationMs: Number(r.durationMs),
      created: date(r.created),
    });
    out.set(String(r.deliveryId), list);
  }
  return out;
}

/**
 * A page of the webhook's deliveries, newest first, each with its attempts. `status` (pending,
 * sent or failed) narrows the list. An unknown webhook is a 404.
 */
export async function listDeliveries(
  app: App,
  webhookId: string,
  query: ListQuery & { status?: string },
): Promise<ListResult<Record<string, unknown>>> {
  if (!findWebhook(app, webhookId)) throw Errors.missingWebhook();
  const paging = parsePaging(query);
  const status = query.status ?? '';
  if (status !== '' && !STATUSES.includes(status)) throw Errors.badRequest();
  const where = status === '' ? sql.empty : sql` AND ${c('status')} = ${status}`;
  const page = await queryPage(
    app.store,
    {
      select: sql`*`,
      from: sql`FROM ${t} WHERE ${c('webhookId')} = ${webhookId}${where}`,
      order: sql` ORDER BY ${c('created')} DESC, ${c('id')} DESC`,
    },
    paging,
    (row) => row,
  );
  const attempts = await attemptsOf(
    app,
    page.items.map((r) => String(r.id)),
  );
  return { ...page, items: page.items.map((r) => deliveryJson(r, attempts.get(String(r.id)) ?? [])) };
}

/**
 * Sends a delivery's event again, as a new delivery of the same body (same event id, so receivers
 * can recognise a copy) signed anew and retried like any other. Returns the new delivery.
 */
export async function redeliver(app: App, webhookId: string, deliveryId: string): Promise<Record<string, unknown>> {
  if (!findWebhook(app, webhookId)) throw Errors.missingWebhook();
  const original = await app.store.get(
    sql`SELECT * FROM ${t} WHERE ${c('id')} = ${deliveryId} AND ${c('webhookId')} = ${webhookId}`,
  );
  if (!original) throw Errors.missingWebhookDelivery();
  const id = await app.store.transaction((tx) =>
    queueDelivery(
      app,
      tx,
      {
        webhookId,
        collectionId: String(original.collectionId),
        eventId: String(original.eventId),
        event: String(original.event),
        recordId: String(original.recordId),
        body: String(original.body),
      },
      deliveryId,
    ),
  );
  const row = await app.store.get(sql`SELECT * FROM ${t} WHERE ${c('id')} = ${id}`);
  return deliveryJson(row as Row, []);
}

/** Deletes deliveries (and their attempts) older than `webhooks.maxDays`, except those still pending. */
export async function deleteOldDeliveries(app: App): Promise<void> {
  const before = Date.now() - app.settings.get().webhooks.maxDays * 86_400_000;
  const old = sql`SELECT ${c('id')} FROM ${t} WHERE ${c('created')} < ${before} AND ${c('status')} <> ${'pending'}`;
  await app.store.transaction(async (tx) => {
    await tx.run(sql`DELETE FROM ${sql.id(ATTEMPTS_TABLE)} WHERE ${c('deliveryId')} IN (${old})`);
    await tx.run(sql`DELETE FROM ${t} WHERE ${c('id')} IN (${old})`);
  });
}
