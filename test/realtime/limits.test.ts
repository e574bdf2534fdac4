import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { brokerOf } from '../../src/realtime/sse/start.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { connect, subscribe } from './sse-stream.js';

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
