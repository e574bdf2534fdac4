import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issueSetupToken } from '../../src/core/setup/first-run.js';
import { DIALECTS, startApp, startProcess, type TestApp } from '../harness/index.js';
import { assertDashboardBuilt } from './dashboard.js';

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function setup(t: TestApp, body: Record<string, unknown>) {
  const res = await fetch(`${t.url}/api/setup/superuser`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

async function superuserCount(t: TestApp): Promise<number> {
  const rows = await t.app.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM _superusers');
  return Number(rows[0]?.n ?? 0);
}

describe('the dashboard at /_/', () => {
  let t: TestApp;
  before(async () => {
    assertDashboardBuilt();
    t = await startApp();
  });
  after(() => t?.close());

  it('serves index.html with a strict CSP, revalidated, and answers page paths with it', async () => {
    const index = await get(`${t.url}/_/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(
      index.text,
      /<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/,
      'no inline script or style',
    );
    const again = await get(`${t.url}/_/`, { 'if-none-match': index.headers.get('etag') ?? '' });
    assert.equal(again.status, 304);
    const page = await get(`${t.url}/_/collections/posts`);
    assert.equal(page.status, 200);
    assert.equal(page.text, index.text);
  });

  it('caches hashed assets for a year and compresses them; a missing asset is a 404', async () => {
    const index = await get(`${t.url}/_/`);
    const script = /src="(\/_\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    assert.ok(script, 'index.html loads a hashed script');
    const js = await fetch(`${t.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    await js.arrayBuffer();
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(js.headers.get('content-encoding'), 'gzip');
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await get(`${t.url}/_/assets/missing-AbC12345.js`)).status, 404);
    assert.equal((await get(`${t.url}/_/../package.json`)).status, 404);
  });

  it('keeps the API reference at /_/docs', async () => {
    const docs = await get(`${t.url}/_/docs`);
    assert.equal(docs.status, 200);
    assert.match(docs.text, /reference\.js/);
  });
});

for (const dialect of DIALECTS) {
  describe(`first-run setup (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startApp({ dialect });
    });
    after(() => t?.close());

    it('refuses forged and expired tokens without creating anyone', async () => {
      const body = { email: 'first@example.com', password: 'first-password-1', passwordConfirm: 'first-password-1' };
      const forged = await setup(t, { ...body, token: `${issueSetupToken(t.app).slice(0, -4)}AAAA` });
      assert.equal(forged.status, 400);
      assert.equal(forged.json.message, 'The setup link is invalid or has expired.');
      const expired = await setup(t, { ...body, token: issueSetupToken(t.app, -1) });
      assert.equal(expired.status, 400);
      assert.equal((await setup(t, body)).status, 400);
      assert.equal(await superuserCount(t), 0);
    });

    it('reports field errors and lets the same link be used again, then never after it worked', async () => {
      const token = issueSetupToken(t.app);
      const bad = await setup(t, { token, email: 'nope', password: 'short', passwordConfirm: 'other' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.data.email.code, 'validation_is_email');
      assert.ok(bad.json.data.password);
      assert.equal(await superuserCount(t), 0);

      const body = {
        token,
        email: 'first@example.com',
        password: 'first-password-1',
        passwordConfirm: 'first-password-1',
      };
      const ok = await setup(t, body);
      assert.equal(ok.status, 200);
      assert.equal(ok.json.record.email, 'first@example.com');
      assert.equal(typeof ok.json.token, 'string');
      const me = await fetch(`${t.url}/api/collections/_superusers/auth-refresh`, {
        method: 'POST',
        headers: { authorization: ok.json.token },
      });
      assert.equal(me.status, 200, 'the answer signs the new superuser in');

      const reused = await setup(t, { ...body, email: 'second@example.com' });
      assert.equal(reused.status, 400);
      assert.equal(reused.json.message, 'A superuser exists already: this setup link has been used.');
      const fresh = await setup(t, { ...body, token: issueSetupToken(t.app), email: 'third@example.com' });
      assert.equal(fresh.status, 400);
      assert.equal(await superuserCount(t), 1);
    });
  });
}

describe('basalt serve without a superuser', () => {
  it('prints a one-time link whose token creates the first superuser', async () => {
    const server = await startProcess({ args: ['--log-level=debug'] });
    try {
      // the banner comes right after the server starts answering
      while (!server.stdout().includes('setup?token=') && server.child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const link = /(http:\/\/\S+\/_\/#\/setup\?token=(\S+))/.exec(server.stdout());
      assert.ok(link, `a setup link in: ${server.stdout()}`);
      assert.ok(link[1]?.startsWith(`${server.url}/_/#/setup?token=`));
      const res = await fetch(`${server.url}/api/setup/superuser`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: link[2],
          email: 'a@example.com',
          password: 'a-password-1',
          passwordConfirm: 'a-password-1',
        }),
      });
      assert.equal(res.status, 200);
      const logged = server.stderr() + server.stdout().replace(String(link[1]), '');
      assert.ok(!logged.includes(String(link[2])), 'the token appears nowhere but in the printed link');
    } finally {
      await server.stop();
    }
  });
});
