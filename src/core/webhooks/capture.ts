import { newRecordId } from '../../lib/random.js';
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection, Webhook, WebhookEvent } from '../collection.js';
import type { RecordModelEvent } from '../events.js';
import { enqueue } from '../outbox/index.js';
import { compileRule } from '../records/rule-check.js';
import { serializeRecord } from '../records/serialize.js';
import { type RecordData, requestInfo, SYSTEM } from '../request.js';
import { MAIN } from '../rules-sql/index.js';
import { DELIVERIES_TABLE } from './table.js';

/** The outbox kind of webhook deliveries. */
export const WEBHOOK_KIND = 'webhook';

/** The record as a superuser reading it through the API sees it, hidden fields left out. */
export function webhookRecord(collection: Collection, record: RecordData): Record<string, unknown> {
  const json = serializeRecord(collection, record, SYSTEM);
  for (const f of collection.fields) if (f.hidden) delete json[f.name];
  return json;
}

/** Does the record `id`, as stored now (inside the write's transaction), match the webhook's filter? */
async function matches(app: App, db: Queryable, collection: Collection, w: Webhook, id: string): Promise<boolean> {
  if (w.filter.trim() === '') return true;
  let cond: ReturnType<typeof compileRule>;
  try {
    cond = compileRule(app, collection, w.filter, requestInfo(SYSTEM));
  } catch (err) {
    // checked when saved, so only a schema change made around the API gets here: the event is skipped, not the write
    app.log.warn({ err, webhook: w.id }, 'webhook filter no longer compiles');
    return false;
  }
  if (!cond) return true;
  const row = await db.get(
    sql`SELECT 1 AS ok FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)} WHERE ${sql.id(MAIN, 'id')} = ${id} AND (${cond}) LIMIT 1`,
  );
  return row !== undefined;
}

async function matching(app: App, e: RecordModelEvent, hooks: readonly Webhook[]): Promise<Webhook[]> {
  const id = String(e.record.id ?? e.original?.id ?? '');
  const out: Webhook[] = [];
  for (const w of hooks) if (await matches(app, e.db, e.collection, w, id)) out.push(w);
  return out;
}

/** A delivery row plus its outbox item, on the write's transaction: both exist only if the write commits. */
export async function queueDelivery(
  app: App,
  db: Queryable,
  row: { webhookId: string; collectionId: string; eventId: string; event: string; recordId: string; body: string },
  redeliveryOf = '',
): Promise<string> {
  const id = newRecordId();
  const now = Date.now();
  const columns = [
    'id',
    'webhookId',
    'collectionId',
    'eventId',
    'event',
    'recordId',
    'body',
    'status',
    'redeliveryOf',
    'created',
    'updated',
  ];
  await db.run(
    sql`INSERT INTO ${sql.id(DELIVERIES_TABLE)} (${sql.join(columns.map((c) => sql.id(c)))})
      VALUES (${id}, ${row.webhookId}, ${row.collectionId}, ${row.eventId}, ${row.event}, ${row.recordId},
        ${row.body}, ${'pending'}, ${redeliveryOf}, ${now}, ${now})`,
  );
  await enqueue(app, db, WEBHOOK_KIND, { delivery: id });
  return id;
}

async function queueEvent(app: App, e: RecordModelEvent, event: WebhookEvent, hooks: readonly Webhook[]) {
  if (hooks.length === 0) return;
  const eventId = newRecordId();
  const record = webhookRecord(e.collection, e.record);
  const created = nowDate();
  const collection = { id: e.collection.id, name: e.collection.name };
  for (const w of hooks) {
    const body = JSON.stringify({ id: eventId, event, webhook: w.id, collection, record, created });
    const recordId = String(record.id ?? '');
    await queueDelivery(app, e.db, {
      webhookId: w.id,
      collectionId: e.collection.id,
      eventId,
      event,
      recordId,
      body,
    });
  }
}

const HOOKS = { create: 'onRecordCreate', update: 'onRecordUpdate', delete: 'onRecordDelete' } as const;

/**
 * Queues a delivery for every enabled webhook of the collection that takes the event and whose
 * filter the record matches: after the write for creates and updates (the record as written),
 * before it for deletes (the record as it was). Bound first in the chain, so it sees the record as
 * every other handler left it; a collection without webhooks costs one array check.
 */
export function captureRecordWrites(app: App): void {
  for (const event of ['create', 'update', 'delete'] as const) {
    app.events[HOOKS[event]].bind(
      async (e) => {
        const all = e.collection.webhooks;
        if (!all || all.length === 0) return e.next();
        const hooks = all.filter((w) => w.enabled && w.events.includes(event));
        if (hooks.length === 0) return e.next();
        if (event === 'delete') {
          const matched = await matching(app, e, hooks);
          await e.next();
          return queueEvent(app, e, event, matched);
        }
        await e.next();
        await queueEvent(app, e, event, await matching(app, e, hooks));
      },
      { id: `__basaltWebhooks_${event}`, priority: Number.MIN_SAFE_INTEGER },
    );
  }
}
