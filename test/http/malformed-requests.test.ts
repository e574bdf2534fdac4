import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startApp, type TestApp } from '../harness/index.js';

/** Sends raw bytes on one socket and collects what comes back until `done` says the answer is complete. */
function exchange(socket: Socket, data: Buffer | string, done: (text: string) => boolean, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no complete answer within ${ms} ms; got ${JSON.stringify(text.slice(0, 300))}`));
    }, ms);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (done(text)) {
        cleanup();
        resolve(text);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(text);
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.write(data);
  });
}

/** True once `text` holds a whole HTTP response (headers plus a Content-Length body). */
function wholeResponse(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = Number(/content-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
  return text.length >= end + 4 + length;
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname, () => resolve(s));
    s.on('error', reject);
  });
}

describe('rejected requests', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t?.close());

  const cases = [
    ['an unsupported Content-Type', 'text/plain'],
    ['multipart without a boundary', 'multipart/form-data'],
  ] as const;
  for (const [name, contentType] of cases) {
    it(`a large body with ${name} gets its 400, and the connection serves the next request or closes`, async () => {
      const socket = await open(t.url);
      const ended = new Promise<void>((resolve) => socket.once('end', resolve));
      try {
        const body = Buffer.alloc(256 * 1024, 'a');
        const head =
          `POST /api/collections/users/records HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
        const first = await exchange(socket, Buffer.concat([Buffer.from(head), body]), wholeResponse);
        assert.match(first, /^HTTP\/1\.1 4\d\d /);
        if (/\r\nconnection: close\r\n/i.test(first)) {
          // the server said it closes: the socket ends at once instead of hanging
          let timer: NodeJS.Timeout | undefined;
          const hang = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('the connection neither closed nor answered')), 5000);
          });
          await Promise.race([ended, hang]).finally(() => clearTimeout(timer));
          return;
        }
        const second = await exchange(socket, 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n', wholeResponse);
        assert.match(second, /^HTTP\/1\.1 200 /);
      } finally {
        socket.destroy();
      }
    });
  }

  it('a malformed request line gets the API error format, and HEAD gets no body', async () => {
    for (const method of ['GET', 'HEAD']) {
      const socket = await open(t.url);
      try {
        // a raw, unencoded non-ASCII byte in the path
        const line = Buffer.concat([
          Buffer.from(`${method} /api/h`),
          Buffer.from([0xe9]),
          Buffer.from('alth HTTP/1.1\r\n'),
        ]);
        const answer = await exchange(socket, Buffer.concat([line, Buffer.from('Host: x\r\n\r\n')]), wholeResponse);
        assert.match(answer, /^HTTP\/1\.1 400 /);
        const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
        if (method === 'HEAD') assert.equal(body, '');
        else {
          assert.deepEqual(JSON.parse(body), {
            data: {},
            message: 'Something went wrong while processing your request.',
            status: 400,
          });
        }
      } finally {
        socket.destroy();
      }
    }
  });

  it('URLs the router refuses get the API error format too', async () => {
    for (const path of [
      '/api/%zz',
      '/api/collections/%zz/records',
      `/api/collections/users/records/${'a'.repeat(1200)}`,
    ]) {
      const res = await fetch(t.url + path);
      assert.equal(res.status, 400, path);
      assert.deepEqual(await res.json(), {
        data: {},
        message: 'Something went wrong while processing your request.',
        status: 400,
      });
    }
  });
});
