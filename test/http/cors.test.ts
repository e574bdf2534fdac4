import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rawRequest, startApp, type TestApp } from '../harness/index.js';

const preflight = (origin: string, method = 'POST', requestHeaders = 'authorization, content-type') => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': requestHeaders,
  },
});

function varies(value: unknown, field: string): boolean {
  return String(value ?? '')
    .split(',')
    .some((v) => v.trim().toLowerCase() === field.toLowerCase());
}

describe('CORS with the default origins (*)', () => {
  let t: TestApp;
  before(async () => {
    t = await startApp();
  });
  after(() => t?.close());

  it('answers preflights with the methods and the requested headers, before authentication', async () => {
    const res = await rawRequest(t.url, '/api/collections/users/records', preflight('https://app.example'));
    assert.equal(res.status, 204);
    assert.equal(res.body.length, 0);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.deepEqual(String(res.headers['access-control-allow-methods']).split(','), [
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
    ]);
    assert.equal(res.headers['access-control-allow-headers'], 'authorization, content-type');
    assert.equal(res.headers['access-control-allow-credentials'], undefined);
    assert.ok(!varies(res.headers.vary, 'origin'));
  });

  it('allows every origin on simple requests, errors included, never with credentials', async () => {
    for (const [path, status] of [
      ['/api/health', 200],
      ['/api/nope', 404],
      ['/api/collections', 401],
    ] as const) {
      const res = await rawRequest(t.url, path, { headers: { origin: 'https://anything.example' } });
      assert.equal(res.status, status, path);
      assert.equal(res.headers['access-control-allow-origin'], '*', path);
      assert.equal(res.headers['access-control-allow-credentials'], undefined, path);
      assert.ok(!varies(res.headers.vary, 'origin'), path);
    }
  });

  it('lets a browser read API answers cross-origin (fetch with an Origin header)', async () => {
    const res = await fetch(`${t.url}/api/health`, { headers: { origin: 'http://localhost:5173' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    await res.arrayBuffer();
  });

  it('answers an OPTIONS without preflight headers with 204 too', async () => {
    const res = await rawRequest(t.url, '/api/health', { method: 'OPTIONS' });
    assert.equal(res.status, 204);
  });
});

describe('CORS with a list of origins', () => {
  let t: TestApp;
  const allowed = 'https://app.example';
  const dev = 'http://localhost:5173';
  before(async () => {
    t = await startApp({ flags: { origins: `${allowed}, ${dev}/` } });
  });
  after(() => t?.close());

  it('echoes a listed origin, with credentials and Vary: Origin', async () => {
    for (const origin of [allowed, dev]) {
      const res = await rawRequest(t.url, '/api/health', { headers: { origin } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], origin);
      assert.equal(res.headers['access-control-allow-credentials'], 'true');
      assert.ok(varies(res.headers.vary, 'origin'), String(res.headers.vary));
    }
  });

  it('allows no other origin, and still varies on Origin', async () => {
    const cases: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'https://app.example.evil' },
      {},
    ];
    for (const headers of cases) {
      const res = await rawRequest(t.url, '/api/health', { headers });
      assert.equal(res.status, 200);
      assert.equal(res.headers['access-control-allow-origin'], undefined, JSON.stringify(headers));
      assert.ok(varies(res.headers.vary, 'origin'), JSON.stringify(headers));
    }
  });

  it('answers preflights for listed origins only', async () => {
    const ok = await rawRequest(t.url, '/api/collections/users/records', preflight(allowed, 'PATCH', 'x-custom'));
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], allowed);
    assert.equal(ok.headers['access-control-allow-credentials'], 'true');
    assert.match(String(ok.headers['access-control-allow-methods']), /PATCH/);
    assert.equal(ok.headers['access-control-allow-headers'], 'x-custom');
    assert.ok(varies(ok.headers.vary, 'origin'));

    const other = await rawRequest(t.url, '/api/collections/users/records', preflight('https://evil.example'));
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});
