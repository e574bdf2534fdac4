import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import PocketBaseLatest from 'pocketbase-latest';
import { realtimeIdle } from '../../src/realtime/sse/start.js';
import { DIALECTS } from '../harness/index.js';
import { installEventSource } from './event-source.js';
import { makeRealtimeEnv, type RealtimeEnv } from './setup.js';

installEventSource();

/** Both SDK releases, through the same scenarios. */
const SDKS = [
  { name: 'pocketbase 0.26', PocketBase },
  { name: 'pocketbase-latest', PocketBase: PocketBaseLatest as unknown as typeof PocketBase },
];

/** Collects what a callback receives; `next` waits for the next item. */
function inbox<T>() {
  const items: T[] = [];
  let wake: (() => void) | null = null;
  let read = 0;
  return {
    items,
    push: (item: T) => {
      items.push(item);
      wake?.();
    },
    async next(): Promise<T> {
      while (read >= items.length) await new Promise<void>((r) => (wake = r));
      return items[read++] as T;
    },
  };
}

type Event = { action: string; record: Record<string, any> };

for (const dialect of DIALECTS)
  for (const sdk of SDKS) {
    describe(`realtime through the JS SDK: ${sdk.name} (${dialect})`, () => {
      let env: RealtimeEnv;
      const clients: PocketBase[] = [];
      const client = async (as?: { email: string }) => {
        const pb = new sdk.PocketBase(env.t.url);
        pb.autoCancellation(false);
        if (as) await pb.collection('users').authWithPassword(as.email, 'password-123');
        clients.push(pb);
        return pb;
      };

      before(async () => {
        env = await makeRealtimeEnv(dialect);
      });
      after(async () => {
        for (const pb of clients) await pb.realtime.unsubscribe().catch(() => undefined);
        await env.t.close();
      });

      it('subscribes to a collection and receives creates, updates and deletes', async () => {
        const pb = await client();
        const got = inbox<Event>();
        const unsubscribe = await pb.collection('posts').subscribe('*', (e) => got.push(e as Event));
        const admin = await client();
        await admin.collection('_superusers').authWithPassword('root@example.com', 'root-password-123');
        const rec = await admin.collection('posts').create({ title: 'sdk', status: 'public' });
        assert.deepEqual(await got.next().then((e) => [e.action, e.record.id, e.record.title]), [
          'create',
          rec.id,
          'sdk',
        ]);
        await admin.collection('posts').update(rec.id, { title: 'sdk 2' });
        assert.deepEqual(await got.next().then((e) => [e.action, e.record.title]), ['update', 'sdk 2']);
        await admin.collection('posts').delete(rec.id);
        assert.deepEqual(await got.next().then((e) => [e.action, e.record.id]), ['delete', rec.id]);
        await unsubscribe();
        assert.equal(pb.realtime.isConnected, false);
      });

      it('hears only what the rules let the signed-in user see, with the subscription options applied', async () => {
        const ann = await client(env.users.ann);
        const guest = await client();
        const annGot = inbox<Event>();
        const guestGot = inbox<Event>();
        await ann
          .collection('posts')
          .subscribe('*', (e) => annGot.push(e as Event), { expand: 'owner', fields: 'id,title,expand' });
        await guest.collection('posts').subscribe('*', (e) => guestGot.push(e as Event));
        await env.api(
          'POST',
          '/api/collections/posts/records',
          { title: 'draft', status: 'draft', owner: env.users.ann.id },
          'su',
        );
        await env.api('POST', '/api/collections/posts/records', { title: 'open', status: 'public' }, 'su');
        // two records: each one's changes keep their order, the two may arrive either way round
        const both = [await annGot.next(), await annGot.next()];
        assert.deepEqual(both.map((e) => e.record.title).sort(), ['draft', 'open']);
        const draft = both.find((e) => e.record.title === 'draft') as Event;
        assert.equal(draft.record.expand.owner.email, 'ann@example.com');
        assert.deepEqual(Object.keys(draft.record).sort(), ['expand', 'id', 'title']);
        assert.equal((await guestGot.next()).record.title, 'open');
        await realtimeIdle(env.t.app);
        assert.deepEqual(
          guestGot.items.map((e) => e.record.title),
          ['open'],
        );
      });

      it('subscribes to one record and to custom topics', async () => {
        const pb = await client();
        const rec = await env.api('POST', '/api/collections/posts/records', { title: 'one', status: 'public' }, 'su');
        const got = inbox<Event>();
        await pb.collection('posts').subscribe(rec.json.id, (e) => got.push(e as Event));
        const news = inbox<unknown>();
        await pb.realtime.subscribe('news', (e) => news.push(e));
        await env.api('PATCH', `/api/collections/posts/records/${rec.json.id}`, { title: 'one!' }, 'su');
        const e = await got.next();
        assert.deepEqual([e.action, e.record.title], ['update', 'one!']);
        assert.equal(await env.t.app.realtime.publish('news', { headline: 'from the server' }), 1);
        assert.deepEqual(await news.next(), { headline: 'from the server' });
        await pb.realtime.unsubscribe('news');
        // newer SDKs send the shorter list in the background: wait until the server has it
        while (env.t.app.realtime.isSubscribed(pb.realtime.clientId, 'news'))
          await new Promise((r) => setTimeout(r, 10));
        assert.equal(await env.t.app.realtime.publish('news', { headline: 'nobody' }), 0);
        assert.equal(news.items.length, 1);
      });
    });
  }
