import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import type { RateLimitRule, Settings } from '../../src/core/settings/settings.js';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';

type Rule = Partial<RateLimitRule> & { label: string; maxRequests: number };

for (const dialect of DIALECTS) {
  describe(`rate limits over HTTP (${dialect})`, () => {
    let t: TestApp;
    let su: string;
    let user: TestUser;

    /** Puts rate-limit rules (60 s windows unless given) and other settings in force; counters restart. */
    function limit(rules: Rule[], more: Partial<Settings> = {}, enabled = true) {
      const next = structuredClone(t.app.settings.get()) as Settings;
      next.rateLimits = { enabled, rules: rules.map((r) => ({ audience: '', duration: 60, ...r })) };
      next.trustedProxy = { headers: [], useLeftmostIP: false };
      Object.assign(next, more);
      t.app.settings.replace(next);
    }

    async function call(
      method: string,
      path: string,
      opts: { token?: string; headers?: Record<string, string>; body?: unknown } = {},
    ) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = opts.token;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const res = await fetch(t.url + path, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
    }

    /** The statuses of `n` requests sent one after the other. */
    async function statuses(n: number, method: string, path: string, opts: Parameters<typeof call>[2] = {}) {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await call(method, path, opts)).status);
      return out;
    }

    before(async () => {
      t = await startApp({ dialect });
      su = await t.superuserToken();
      for (const name of ['posts', 'comments']) {
        const res = await call('POST', '/api/collections', {
          token: su,
          body: { name, listRule: '', viewRule: '', createRule: '', fields: [{ name: 'title', type: 'text' }] },
        });
        assert.equal(res.status, 200, JSON.stringify(res.json));
      }
      user = await createUser(t, 'ana@example.com');
    });
    after(async () => {
      await t?.close();
    });

    it('counts nothing while disabled (the default)', async () => {
      limit([{ label: '/api/', maxRequests: 1 }], {}, false);
      assert.deepEqual(await statuses(5, 'GET', '/api/health'), [200, 200, 200, 200, 200]);
    });

    it('schedules the cleanup of ended windows once a request was counted', async () => {
      const jobIds = async () =>
        ((await call('GET', '/api/crons', { token: su })).json as Array<{ id: string }>).map((j) => j.id);
      limit([{ label: '/api/', maxRequests: 1000 }], {}, false);
      await call('GET', '/api/health');
      assert.ok(!(await jobIds()).includes('__pbRateLimitersCleanup__'));
      limit([{ label: '/api/health', maxRequests: 1000 }]);
      await call('GET', '/api/health');
      assert.ok((await jobIds()).includes('__pbRateLimitersCleanup__'));
    });

    it('refuses with 429, the contract body and a Retry-After header', async () => {
      limit([{ label: '/api/health', maxRequests: 2, duration: 30 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 200]);
      const refused = await call('GET', '/api/health');
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.json, { data: {}, message: 'Too Many Requests.', status: 429 });
      const retry = Number(refused.headers.get('retry-after'));
      assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 30, `Retry-After ${retry}`);
      // the refused requests stay refused; another path is not limited by this rule
      assert.equal((await call('GET', '/api/health')).status, 429);
      assert.equal((await call('GET', '/api/collections/posts/records')).status, 200);
    });

    it('an exact path label applies to every method; METHOD + path to that method only', async () => {
      limit([{ label: '/api/health', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'HEAD', '/api/health'), [200, 429]);
      assert.equal((await call('GET', '/api/health')).status, 429, 'same bucket for every method');
      limit([{ label: 'GET /api/health', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      assert.deepEqual(await statuses(3, 'HEAD', '/api/health'), [200, 200, 200]);
    });

    it('a prefix label shares one bucket over every path under it and matches the path without its slash', async () => {
      limit([{ label: '/api/collections/', maxRequests: 2 }]);
      assert.equal((await call('GET', '/api/collections/posts/nothing/here')).status, 404);
      assert.equal((await call('GET', '/api/collections')).status, 401, 'the path without the slash');
      assert.equal((await call('GET', '/api/collections/posts')).status, 429);
      assert.equal((await call('GET', '/api/health')).status, 200, 'outside the prefix');
      limit([{ label: '/api/health/', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      limit([{ label: 'POST /api/', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 200]);
    });

    it('exact labels win over prefixes; prefixes are tried in settings order, not by length', async () => {
      limit([
        { label: '/api/', maxRequests: 1 },
        { label: '/api/health', maxRequests: 3 },
      ]);
      assert.deepEqual(await statuses(4, 'GET', '/api/health'), [200, 200, 200, 429]);
      limit([
        { label: '/api/', maxRequests: 1 },
        { label: '/api/settings/', maxRequests: 100 },
      ]);
      assert.deepEqual(await statuses(2, 'GET', '/api/settings/x'), [404, 429], 'the first listed prefix applies');
    });

    it('collection tags count each collection in its own bucket', async () => {
      limit([{ label: 'posts:list', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/posts/records'), [200, 429]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/comments/records'), [200, 200]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/posts/records/nothere1234567'), [404, 404]);

      limit([{ label: '*:list', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/posts/records'), [200, 429]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/comments/records'), [200, 429]);

      limit([{ label: '*:create', maxRequests: 2 }]);
      const create = { body: { title: 'x' } };
      assert.deepEqual(await statuses(3, 'POST', '/api/collections/posts/records', create), [200, 200, 429]);
      assert.deepEqual(await statuses(1, 'POST', '/api/collections/comments/records', create), [200]);
    });

    it('candidate labels go <col>:<tag>, *:<tag>, METHOD path, path', async () => {
      limit([
        { label: '*:list', maxRequests: 1 },
        { label: 'posts:list', maxRequests: 2 },
      ]);
      assert.deepEqual(await statuses(3, 'GET', '/api/collections/posts/records'), [200, 200, 429]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/comments/records'), [200, 429]);

      limit([
        { label: '/api/collections/posts/records', maxRequests: 1 },
        { label: 'GET /api/collections/posts/records', maxRequests: 2 },
        { label: '*:list', maxRequests: 3 },
      ]);
      assert.deepEqual(await statuses(4, 'GET', '/api/collections/posts/records'), [200, 200, 200, 429]);

      limit([
        { label: '/api/collections/posts/records', maxRequests: 1 },
        { label: 'GET /api/collections/posts/records', maxRequests: 2 },
      ]);
      assert.deepEqual(await statuses(3, 'GET', '/api/collections/posts/records'), [200, 200, 429]);
    });

    it('a path rule reached through a collection endpoint counts per collection, apart from other paths', async () => {
      limit([{ label: '/api/', maxRequests: 2 }]);
      assert.deepEqual(await statuses(3, 'GET', '/api/collections/posts/records'), [200, 200, 429]);
      assert.deepEqual(await statuses(3, 'GET', '/api/collections/comments/records'), [200, 200, 429]);
      assert.deepEqual(await statuses(3, 'GET', '/api/health'), [200, 200, 429]);
    });

    it('sign-in endpoints carry their own tag and the shared auth tag', async () => {
      const wrong = { body: { identity: user.email, password: 'wrong-password' } };
      const path = '/api/collections/users/auth-with-password';
      limit([{ label: '*:auth', maxRequests: 2 }]);
      assert.deepEqual(await statuses(3, 'POST', path, wrong), [400, 400, 429]);
      limit([
        { label: '*:auth', maxRequests: 1 },
        { label: 'users:authWithPassword', maxRequests: 3 },
      ]);
      assert.deepEqual(await statuses(4, 'POST', path, wrong), [400, 400, 400, 429]);
      limit([{ label: 'users:listAuthMethods', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/collections/users/auth-methods'), [200, 429]);
      limit([{ label: '*:authRefresh', maxRequests: 1 }]);
      const refresh = { token: user.token };
      assert.deepEqual(await statuses(2, 'POST', '/api/collections/users/auth-refresh', refresh), [200, 429]);
    });

    it('audiences: @guest and @auth rules apply to their requesters only', async () => {
      limit([{ label: '/api/health', audience: '@guest', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      assert.deepEqual(await statuses(3, 'GET', '/api/health', { token: user.token }), [200, 200, 200]);

      limit([{ label: '/api/health', audience: '@auth', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health', { token: user.token }), [200, 429]);
      assert.deepEqual(await statuses(3, 'GET', '/api/health'), [200, 200, 200]);

      // a skipped rule is as if absent: the next candidate applies
      limit([
        { label: '/api/health', audience: '@auth', maxRequests: 5 },
        { label: '/api/', maxRequests: 1 },
      ]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);

      limit([
        { label: '/api/health', audience: '@guest', maxRequests: 1 },
        { label: '/api/health', audience: '@auth', maxRequests: 2 },
      ]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      assert.deepEqual(await statuses(3, 'GET', '/api/health', { token: user.token }), [200, 200, 429]);
    });

    it('superusers bypass rate limiting entirely', async () => {
      limit([{ label: '/api/', maxRequests: 1 }]);
      assert.deepEqual(await statuses(4, 'GET', '/api/health', { token: su }), [200, 200, 200, 200]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
    });

    it('counters restart when the settings change', async () => {
      limit([{ label: '/api/health', maxRequests: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      const meta = { ...t.app.settings.get().meta, appName: 'Renamed' };
      limit([{ label: '/api/health', maxRequests: 1 }], { meta });
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
    });

    it('a window ends duration seconds after its first request', async () => {
      limit([{ label: '/api/health', maxRequests: 1, duration: 1 }]);
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.deepEqual(await statuses(2, 'GET', '/api/health'), [200, 429]);
    });

    it('counts per client IP: trusted-proxy headers when configured, spoofed headers ignored otherwise', async () => {
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
      limit([{ label: '/api/health', maxRequests: 1 }]);
      assert.equal((await call('GET', '/api/health', from('10.0.0.1'))).status, 200);
      assert.equal((await call('GET', '/api/health', from('10.0.0.2'))).status, 429, 'not configured: one peer');

      const proxy = { headers: ['X-Forwarded-For'], useLeftmostIP: false };
      limit([{ label: '/api/health', maxRequests: 1 }], { trustedProxy: proxy });
      assert.equal((await call('GET', '/api/health', from('10.0.0.1'))).status, 200);
      assert.equal((await call('GET', '/api/health', from('10.0.0.2'))).status, 200);
      assert.equal((await call('GET', '/api/health', from('10.0.0.1'))).status, 429);
      // rightmost by default: a client-written left part does not change the bucket
      assert.equal((await call('GET', '/api/health', from('9.9.9.9, 10.0.0.2'))).status, 429);

      limit([{ label: '/api/health', maxRequests: 1 }], { trustedProxy: { ...proxy, useLeftmostIP: true } });
      assert.equal((await call('GET', '/api/health', from('10.0.0.3, 10.0.0.9'))).status, 200);
      assert.equal((await call('GET', '/api/health', from('10.0.0.3, 10.0.0.8'))).status, 429);
      assert.equal((await call('GET', '/api/health', from('10.0.0.4, 10.0.0.9'))).status, 200);
    });

    it('batch sub-requests count against the limits of the single requests they stand for', async () => {
      const batch = { enabled: true, maxRequests: 50, timeout: 3, maxBodySize: 0 };
      const create = (title: string) => ({ method: 'POST', url: '/api/collections/posts/records', body: { title } });
      limit([{ label: 'posts:create', maxRequests: 2 }], { batch });
      const over = await call('POST', '/api/batch', { body: { requests: [create('a'), create('b'), create('c')] } });
      assert.equal(over.status, 400);
      assert.equal(over.json.data.requests['2'].response.status, 429, JSON.stringify(over.json));
      const stored = await call('GET', '/api/collections/posts/records?filter=(title=%22a%22)');
      assert.equal(stored.json.totalItems, 0, 'the failed batch saved nothing');

      limit([{ label: 'posts:create', maxRequests: 2 }], { batch });
      const within = await call('POST', '/api/batch', { body: { requests: [create('d'), create('e')] } });
      assert.equal(within.status, 200, JSON.stringify(within.json));
      assert.equal((await call('POST', '/api/collections/posts/records', { body: { title: 'f' } })).status, 429);
      // other collections and actions keep their own counts; superusers are never counted
      const other = { method: 'POST', url: '/api/collections/comments/records', body: { title: 'g' } };
      assert.equal((await call('POST', '/api/batch', { body: { requests: [other, other, other] } })).status, 200);
      const su3 = [create('h'), create('i'), create('j')];
      assert.equal((await call('POST', '/api/batch', { token: su, body: { requests: su3 } })).status, 200);
    });

    it('the SDK sees a 429 as a ClientResponseError', async () => {
      limit([{ label: 'posts:list', maxRequests: 1 }]);
      const pb = new PocketBase(t.url);
      await pb.collection('posts').getList(1, 10);
      await assert.rejects(pb.collection('posts').getList(1, 10), (err: ClientResponseError) => {
        assert.equal(err.status, 429);
        assert.equal(err.response.message, 'Too Many Requests.');
        return true;
      });
    });
  });

  describe(`health (${dialect})`, () => {
    let t: TestApp;
    let su: string;

    function proxy(headers: string[], useLeftmostIP = false) {
      t.app.settings.replace({ ...structuredClone(t.app.settings.get()), trustedProxy: { headers, useLeftmostIP } });
    }
    async function health(headers: Record<string, string> = {}) {
      const res = await fetch(`${t.url}/api/health`, { headers });
      return (await res.json()) as { code: number; message: string; data: Record<string, unknown> };
    }

    before(async () => {
      t = await startApp({ dialect });
      su = await t.superuserToken();
    });
    after(async () => {
      await t?.close();
    });

    it('guests and users get empty data; superusers get canBackup, realIP and possibleProxyHeader', async () => {
      proxy([]);
      assert.deepEqual(await health(), { message: 'API is healthy.', code: 200, data: {} });
      const user = await createUser(t, 'bo@example.com');
      assert.deepEqual((await health({ authorization: user.token })).data, {});
      assert.deepEqual((await health({ authorization: su })).data, {
        canBackup: true,
        realIP: '127.0.0.1',
        possibleProxyHeader: '',
      });
      const pb = new PocketBase(t.url);
      pb.authStore.save(su);
      const viaSdk = await pb.health.check();
      assert.equal(viaSdk.data?.realIP, '127.0.0.1');
    });

    it('realIP follows the trusted-proxy settings; possibleProxyHeader names the first header present', async () => {
      const xff = { authorization: su, 'x-forwarded-for': '1.2.3.4, 5.6.7.8' };
      proxy([]);
      assert.deepEqual((await health(xff)).data, {
        canBackup: true,
        realIP: '127.0.0.1',
        possibleProxyHeader: 'X-Forwarded-For',
      });
      assert.equal(
        (await health({ authorization: su, 'fly-client-ip': '1.1.1.1', 'x-forwarded-for': '2.2.2.2' })).data
          .possibleProxyHeader,
        'Fly-Client-IP',
      );
      assert.equal(
        (await health({ authorization: su, 'cf-connecting-ip': '1.1.1.1', 'fly-client-ip': '2.2.2.2' })).data
          .possibleProxyHeader,
        'CF-Connecting-IP',
      );

      proxy(['X-Forwarded-For']);
      assert.equal((await health(xff)).data.realIP, '5.6.7.8');
      proxy(['X-Forwarded-For'], true);
      assert.equal((await health(xff)).data.realIP, '1.2.3.4');
      proxy(['X-Real-IP', 'X-Forwarded-For']);
      const both = { ...xff, 'x-real-ip': '9.9.9.9', 'cf-connecting-ip': '8.8.8.8' };
      assert.deepEqual((await health(both)).data, {
        canBackup: true,
        realIP: '9.9.9.9',
        possibleProxyHeader: 'X-Real-IP',
      });
      // a configured header holding no valid IP falls through to the next one
      assert.equal((await health({ ...xff, 'x-real-ip': 'garbage' })).data.realIP, '5.6.7.8');
    });

    it('answers HEAD', async () => {
      const res = await fetch(`${t.url}/api/health`, { method: 'HEAD' });
      assert.equal(res.status, 200);
    });
  });
}
