import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rawExchange, rawRequest, startApp, type TestApp, tempDir } from '../harness/index.js';

const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function assertSecure(headers: IncomingHttpHeaders, what: string): void {
  for (const [name, value] of Object.entries(EXPECTED)) assert.equal(headers[name], value, `${what}: ${name}`);
  assert.equal(headers.server, undefined, `${what}: no Server header`);
  assert.equal(headers['x-powered-by'], undefined, `${what}: no X-Powered-By header`);
}

/** The header block of a raw HTTP answer, names lower-cased. */
function headersOf(answer: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

describe('security headers', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    const publicDir = tempDir('basalt-site-');
    writeFileSync(join(publicDir, 'index.html'), '<!doctype html><title>home</title>');
    t = await startApp({ flags: { 'public-dir': publicDir } });
    token = await t.superuserToken();
  });
  after(() => t?.close());

  it('are on every kind of response', async () => {
    const cases: Array<[string, string, Record<string, string>, number, string?]> = [
      ['an API answer', '/api/health', {}, 200],
      ['an authenticated API answer', '/api/collections', { authorization: 'TOKEN' }, 200],
      ['an unknown API path', '/api/nope', {}, 404],
      ['an unknown path', '/nope', {}, 404],
      ['a 401', '/api/collections', {}, 401],
      ['a record that does not exist', '/api/collections/users/records/nothere', {}, 404],
      ['a malformed escape in the URL (router error)', '/api/collections/%zz', {}, 400],
      ['a static file', '/', {}, 200],
      ['a 304', '/', { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() }, 304],
      [
        'a CORS preflight',
        '/api/health',
        { origin: 'https://a.example', 'access-control-request-method': 'GET' },
        204,
        'OPTIONS',
      ],
      ['a HEAD', '/api/health', {}, 200, 'HEAD'],
      ['an unsupported method', '/api/health', {}, 404, 'DELETE'],
    ];
    for (const [what, path, headers, status, method] of cases) {
      const withToken = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'TOKEN' ? token : v]));
      const res = await rawRequest(t.url, path, { method: method ?? 'GET', headers: withToken });
      assert.equal(res.status, status, what);
      assertSecure(res.headers, what);
    }
  });

  it('are on error answers to bodies', async () => {
    const res = await fetch(`${t.url}/api/collections`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: '{not json',
    });
    assert.equal(res.status, 400);
    assertSecure(Object.fromEntries(res.headers), 'a bad JSON body');
    await res.arrayBuffer();
  });

  it('are on the raw answers to requests Node cannot parse', async () => {
    const garbage = await rawExchange(t.url, 'NOT A REQUEST\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    assertSecure(headersOf(garbage), 'an unparsable request line');
    const huge = await rawExchange(t.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(huge, /^HTTP\/1\.1 431 /);
    assertSecure(headersOf(huge), 'headers too large');
  });
});
