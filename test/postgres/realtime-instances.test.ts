import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALECTS,
  type DialectSetup,
  type ServerProcess,
  setupDialect,
  startApp,
  type TestApp,
} from '../harness/index.js';
import { connect, type SseStream, subscribe } from '../realtime/sse-stream.js';
import { call, eventually, startTwoInstances, type TwoInstances } from './two-instances.js';

const skip = !DIALECTS.includes('postgres');

describe('realtime across instances on one PostgreSQL database', { skip }, () => {
  let pair: TwoInstances;
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';
  const streams: SseStream[] = [];
  const N = '/api/collections/notes/records';

  before(async () => {
    pair = await startTwoInstances();
    ({ a, b, token } = pair);
    const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
    const fields = [
      { name: 'text', type: 'text', max: 200000 },
      { name: 'n', type: 'number' },
    ];
    const created = await call(a.url, 'POST', '/api/collections', { name: 'notes', ...open, fields }, token);
    assert.equal(created.status, 200, JSON.stringify(created.json));
    await eventually(async () => (await call(b.url, 'GET', N)).status === 200, 5000);
  });
  after(async () => {
    for (const s of streams) s.close();
    await pair?.stop();
  });

  const listen = async (url: string) => {
    const c = await connect(url);
    streams.push(c.stream);
    assert.equal((await subscribe(url, { clientId: c.clientId, subscriptions: ['notes/*'] })).status, 204);
    return c.stream;
  };

  it('a write through one instance reaches subscribers of both', async () => {
    const onA = await listen(a.url);
    const onB = await listen(b.url);
    const rec = await call(b.url, 'POST', N, { text: 'from B' });
    assert.equal(rec.status, 200);
    for (const s of [onA, onB]) {
      const e = await s.nextData('notes/*');
      assert.deepEqual([e.action, e.record?.id, e.record?.text], ['create', rec.json.id, 'from B']);
    }
    assert.equal((await call(a.url, 'DELETE', `${N}/${rec.json.id}`)).status, 204);
    for (const s of [onA, onB]) assert.equal((await s.nextData('notes/*')).action, 'delete');
  });

  it('a change larger than a notification payload arrives whole', async () => {
    const onA = await listen(a.url);
    const text = 'é🙂'.repeat(20_000) + 'end';
    const rec = await call(b.url, 'POST', N, { text });
    assert.equal(rec.status, 200, JSON.stringify(rec.json).slice(0, 200));
    const e = await onA.nextData('notes/*');
    assert.equal(e.record?.text, text);
  });

  it('keeps the commit order of one record whichever instance writes', async () => {
    const onA = await listen(a.url);
    const onB = await listen(b.url);
    const rec = await call(a.url, 'POST', N, { n: 0 });
    for (let i = 1; i <= 20; i++) {
      const res = await call(i % 2 ? b.url : a.url, 'PATCH', `${N}/${rec.json.id}`, { n: i });
      assert.equal(res.status, 200);
    }
    for (const s of [onA, onB]) {
      const seen: number[] = [];
      while (seen.length < 21) {
        const e = await s.nextData('notes/*');
        if (e.record?.id === rec.json.id) seen.push(Number(e.record?.n));
      }
      assert.deepEqual(
        seen,
        Array.from({ length: 21 }, (_, i) => i),
      );
    }
  });
});

describe('realtime messages and resync across in-process instances', { skip }, () => {
  let db: DialectSetup;
  let one: TestApp;
  let two: TestApp;

  before(async () => {
    db = await setupDialect('postgres');
    one = await startApp({ dialect: 'sqlite', flags: { db: db.flags.db as string } });
    two = await startApp({ dialect: 'sqlite', flags: { db: db.flags.db as string } });
  });
  after(async () => {
    await one?.close();
    await two?.close();
    await db?.cleanup();
  });

  it('publishes custom topics to clients of every instance, and reaches a client held by another', async () => {
    const c1 = await connect(one.url);
    const c2 = await connect(two.url);
    await subscribe(one.url, { clientId: c1.clientId, subscriptions: ['news'] });
    await subscribe(two.url, { clientId: c2.clientId, subscriptions: ['news', '@oauth2'] });
    assert.equal(await one.app.realtime.publish('news', { from: 'one' }), 1);
    assert.deepEqual(await c1.stream.nextData('news'), { from: 'one' });
    assert.deepEqual(await c2.stream.nextData('news'), { from: 'one' });
    assert.equal(one.app.realtime.hasClient(c2.clientId), false);
    assert.equal(await one.app.realtime.sendToClient(c2.clientId, '@oauth2', { code: 'c' }), true);
    assert.deepEqual(await c2.stream.nextData('@oauth2'), { code: 'c' });
    c1.stream.close();
    c2.stream.close();
  });

  it('disconnects its clients when the listener lost its connection, so they resubscribe', async () => {
    const c1 = await connect(one.url);
    await one.app.store.all(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'basalt-listen' AND datname = current_database()",
    );
    await c1.stream.done;
    assert.equal(c1.stream.closed, true);
    // the listener is back: a new client hears changes again
    const c2 = await connect(one.url);
    await subscribe(one.url, { clientId: c2.clientId, subscriptions: ['news'] });
    await two.app.realtime.publish('news', { after: 'resync' });
    assert.deepEqual(await c2.stream.nextData('news'), { after: 'resync' });
    c2.stream.close();
  });
});
