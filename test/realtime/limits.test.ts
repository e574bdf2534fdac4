import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Settings } from '../../src/core/settings/settings.js';
import { brokerOf } from '../../src/realtime/sse/start.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { connect, SseStream, subscribe } from './sse-stream.js';

/** A client that sends the SSE request and then never reads: its socket buffers fill up. */
async function stalledClient(url: string): Promise<{ clientId: string; destroy(): void }> {
  const { hostname, port } = new URL(url);
  const socket = tcpConnect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`GET /api/realtime HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
  const clientId = await new Promise<string>((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = /id:([A-Za-z0-9]{40})\n/.exec(text);
      if (!m) return;
      socket.off('data', onData);
      socket.pause();
      resolve(m[1] as string);
    };
    socket.on('data', onData);
  });
  return { clientId, destroy: () => socket.destroy() };
}

for (const dialect of DIALECTS) {
  describe(`realtime limits (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp({ dialect });
    });
    after(async () => {
      await t.close();
    });

    it('disconnects a client that stops reading, without holding up the others', async () => {
      const slow = await stalledClient(t.url);
      const fast = await connect(t.url);
      assert.equal((await subscribe(t.url, { clientId: slow.clientId, subscriptions: ['big'] })).status, 204);
      assert.equal((await subscribe(t.url, { clientId: fast.clientId, subscriptions: ['big', 'done'] })).status, 204);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      // the stalled client's buffers fill (kernel, then the bounded server-side buffer) and it is dropped
      while (t.app.realtime.hasClient(slow.clientId)) {
        assert.ok(sent < 2000, 'the stalled client was never dropped');
        await t.app.realtime.publish('big', { chunk });
        sent++;
        await new Promise((r) => setImmediate(r));
      }
      await t.app.realtime.publish('done', { sent });
      const done = await fast.stream.nextData('done');
      assert.equal(done.sent, sent);
      const bigs = fast.stream.received.filter((m) => m.event === 'big').length;
      assert.equal(bigs, sent, 'the reading client got every message');
      slow.destroy();
      fast.stream.close();
    });

    it('ends the stream of a client that got nothing for the idle timeout', async () => {
      const broker = brokerOf(t.app);
      assert.ok(broker);
      const { stream, clientId } = await connect(t.url);
      const saved = broker.options.idleTimeoutMs;
      broker.options.idleTimeoutMs = 1;
      await new Promise((r) => setTimeout(r, 5));
      broker.sweep();
      broker.options.idleTimeoutMs = saved;
      await stream.done;
      assert.equal(stream.closed, true);
      assert.equal(t.app.realtime.hasClient(clientId), false);
    });

    it('ends a stream that reached the maximum lifetime, even while it keeps getting messages', async () => {
      const broker = brokerOf(t.app);
      assert.ok(broker);
      const { stream, clientId } = await connect(t.url);
      assert.equal((await subscribe(t.url, { clientId, subscriptions: ['tick'] })).status, 204);
      const saved = broker.options.maxLifetimeMs;
      broker.options.maxLifetimeMs = 1;
      await new Promise((r) => setTimeout(r, 5));
      await t.app.realtime.publish('tick', {});
      await stream.nextData('tick');
      broker.sweep();
      broker.options.maxLifetimeMs = saved;
      await stream.done;
      assert.equal(t.app.realtime.hasClient(clientId), false);
    });

    it('accepts subscriptions for a client only from the IP address it connected from', async () => {
      const settings = structuredClone(t.app.settings.get()) as Settings;
      const saved = structuredClone(settings.trustedProxy);
      settings.trustedProxy = { headers: ['X-Forwarded-For'], useLeftmostIP: false };
      t.app.settings.replace(settings);
      try {
        const stream = await SseStream.open(t.url, { 'x-forwarded-for': '10.1.1.1' });
        const hello = await stream.next((m) => m.event === 'PB_CONNECT');
        const post = (ip: string) =>
          fetch(`${t.url}/api/realtime`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
            body: JSON.stringify({ clientId: hello.id, subscriptions: ['news'] }),
          });
        const elsewhere = await post('10.1.1.2');
        assert.equal(elsewhere.status, 400);
        assert.deepEqual(await elsewhere.json(), { data: {}, message: 'Invalid realtime client.', status: 400 });
        assert.equal(t.app.realtime.isSubscribed(hello.id, 'news'), false);
        assert.equal((await post('10.1.1.1')).status, 204);
        assert.equal(t.app.realtime.isSubscribed(hello.id, 'news'), true);

        // the OAuth2 redirect is relayed only to a client that connected from the redirect's IP
        const subscribed = await fetch(`${t.url}/api/realtime`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.1.1' },
          body: JSON.stringify({ clientId: hello.id, subscriptions: ['@oauth2'] }),
        });
        assert.equal(subscribed.status, 204);
        const redirect = (ip: string) =>
          fetch(`${t.url}/api/oauth2-redirect?state=${hello.id}&code=the-code`, {
            redirect: 'manual',
            headers: { 'x-forwarded-for': ip },
          });
        const foreign = await redirect('10.1.1.9');
        assert.equal(foreign.headers.get('location'), '../_/#/auth/oauth2-redirect-failure');
        const own = await redirect('10.1.1.1');
        assert.equal(own.headers.get('location'), '../_/#/auth/oauth2-redirect-success');
        assert.deepEqual(await stream.nextData('@oauth2'), { state: hello.id, code: 'the-code' });
        assert.equal(
          stream.received.filter((m) => m.event === '@oauth2').length,
          1,
          'the foreign redirect was not relayed',
        );
        stream.close();
        while (t.app.realtime.hasClient(hello.id)) await new Promise((r) => setTimeout(r, 10));
      } finally {
        const back = structuredClone(t.app.settings.get()) as Settings;
        back.trustedProxy = saved;
        t.app.settings.replace(back);
      }
    });

    it('answers HEAD with the stream headers and no stream', async () => {
      const clients = brokerOf(t.app)?.clients.size;
      const res = await fetch(`${t.url}/api/realtime`, { method: 'HEAD' });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/event-stream');
      assert.equal(brokerOf(t.app)?.clients.size, clients, 'no client was registered');
    });

    it('closes open streams when the server stops', async () => {
      const own = await startApp({ dialect });
      const { stream } = await connect(own.url);
      await own.close();
      await stream.done;
      assert.equal(stream.closed, true);
    });
  });
}
