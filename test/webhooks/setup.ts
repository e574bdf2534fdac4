import assert from 'node:assert/strict';
import { outboxOf } from '../../src/core/outbox/index.js';
import { webhookRetryOf } from '../../src/core/webhooks/index.js';
import type { Dialect } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv } from '../records/setup.js';
import { eventually, Receiver } from './receiver.js';

export interface WebhooksEnv extends RecordsEnv {
  receiver: Receiver;
  /** the webhook of `posts` pointing at the receiver */
  hookId: string;
  secret: string;
  /** the deliveries page of a webhook, as superuser */
  deliveries(hookId?: string, query?: string): Promise<any[]>;
  /** waits until the webhook has `n` deliveries in state `status` and returns them (newest first) */
  settled(n: number, status?: string, hookId?: string): Promise<any[]>;
  /** waits until the outbox has nothing pending (every delivery sent or given up) */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export const SECRET = 'a-webhook-secret-of-some-length';

/**
 * An app whose `posts` (title, status select, a hidden `internal` text) has one webhook, for every
 * event, to a local receiver. Private addresses are allowed (the receiver is on 127.0.0.1), a
 * delivery attempt times out after 1 s, and retries come within milliseconds instead of minutes.
 */
export async function makeWebhooksEnv(dialect: Dialect, hook: Record<string, unknown> = {}): Promise<WebhooksEnv> {
  const env = await makeEnv(dialect);
  const receiver = new Receiver();
  await receiver.start();
  const retry = webhookRetryOf(env.t.app);
  Object.assign(retry, { baseMs: 30, maxMs: 120, maxAttempts: 6 });
  const settings = await env.api(
    'PATCH',
    '/api/settings',
    { webhooks: { allowPrivateAddresses: true, timeout: 1 }, batch: { enabled: true } },
    'su',
  );
  assert.equal(settings.status, 200, JSON.stringify(settings.json));
  const posts = await createCollection(env, {
    name: 'posts',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'status', type: 'select', values: ['draft', 'published'], maxSelect: 1 },
      { name: 'internal', type: 'text', hidden: true },
    ],
    webhooks: [{ url: receiver.url, events: ['create', 'update', 'delete'], secret: SECRET, ...hook }],
  });
  const hookId = String(posts.webhooks[0].id);
  const deliveries = async (id = hookId, query = 'perPage=100') => {
    const res = await env.api('GET', `/api/webhooks/${id}/deliveries?${query}`, undefined, 'su');
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json.items as any[];
  };
  const settled = async (n: number, status = 'sent', id = hookId): Promise<any[]> => {
    const items = await eventually(async () => {
      const list = (await deliveries(id)).filter((d) => d.status === status);
      return list.length >= n ? list : null;
    }, `${n} ${status} deliveries`);
    return items ?? [];
  };
  const drained = async () => {
    await eventually(async () => {
      const rows = await env.t.app.store.all(`SELECT 1 FROM "_outbox" WHERE "status" IN ('pending', 'sending')`);
      return rows.length === 0;
    }, 'an empty outbox');
    await outboxOf(env.t.app).idle();
  };
  return {
    ...env,
    receiver,
    hookId,
    secret: SECRET,
    deliveries,
    settled,
    drained,
    async close() {
      await env.t.close();
      await receiver.stop();
    },
  };
}
