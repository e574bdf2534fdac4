import assert from 'node:assert/strict';
import { realtimeIdle } from '../../src/realtime/sse/start.js';
import type { Dialect } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv, signUp } from '../records/setup.js';
import type { SseStream } from './sse-stream.js';

export interface RealtimeEnv extends RecordsEnv {
  users: Record<string, { id: string; email: string }>;
}

/**
 * An app with users ann and bob and the collections the realtime suites use:
 * - `posts`: listed and viewed when public or owned (`status = "public" || owner = @request.auth.id`),
 *   with a hidden `secret` field;
 * - `pings`: anyone sees them (the marker the suites flush with);
 * - `comments`: each belongs to a post and is deleted with it (cascade);
 * - `vips`: only verified users see them (a rule on the subscriber's own record).
 */
export async function makeRealtimeEnv(dialect: Dialect): Promise<RealtimeEnv> {
  const env = await makeEnv(dialect);
  const users = {
    ann: await signUp(env, 'ann', 'ann@example.com'),
    bob: await signUp(env, 'bob', 'bob@example.com'),
  };
  const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
  const owned = 'status = "public" || owner = @request.auth.id';
  const posts = await createCollection(env, {
    name: 'posts',
    ...open,
    listRule: owned,
    viewRule: owned,
    fields: [
      { name: 'title', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
      { name: 'secret', type: 'text', hidden: true },
      { name: 'body', type: 'text', max: 200000 },
    ],
  });
  await createCollection(env, { name: 'pings', ...open, fields: [{ name: 'n', type: 'number' }] });
  await createCollection(env, {
    name: 'comments',
    ...open,
    fields: [
      { name: 'text', type: 'text' },
      { name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, cascadeDelete: true },
    ],
  });
  await createCollection(env, {
    name: 'vips',
    ...open,
    listRule: '@request.auth.verified = true',
    viewRule: '@request.auth.verified = true',
    fields: [{ name: 'title', type: 'text' }],
  });
  return { ...env, users };
}

let flushes = 0;

/**
 * Waits until every record event committed so far has reached `stream` (which must subscribe to
 * `pings/*` and `flush`): writes a ping, waits for it, lets every pending delivery finish, then
 * publishes a `flush` message, written after anything those deliveries sent. Returns what arrived
 * before the flush (pings and flushes excluded: other streams' flushes reach this one too).
 */
export async function flush(env: RealtimeEnv, stream: SseStream) {
  const n = ++flushes;
  const ping = await env.api('POST', '/api/collections/pings/records', { n });
  assert.equal(ping.status, 200);
  const before: Array<{ event: string; data: any }> = [];
  const take = (m: { event: string; data: string }) => before.push({ event: m.event, data: JSON.parse(m.data) });
  await stream.next((m) => {
    if (m.event.startsWith('pings/')) return JSON.parse(m.data).record?.n === n;
    if (m.event !== 'flush') take(m);
    return false;
  });
  await realtimeIdle(env.t.app);
  await env.t.app.realtime.publish('flush', { n });
  await stream.next((m) => {
    const done = m.event === 'flush' && JSON.parse(m.data).n === n;
    if (m.event !== 'flush' && !m.event.startsWith('pings/')) take(m);
    return done;
  });
  return before;
}
