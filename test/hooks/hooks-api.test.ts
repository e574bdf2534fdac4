import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { BAD_HOOKS, MAIN_HOOKS } from './fixtures.js';
import { call, eventually, project } from './project.js';

const OPEN = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };

for (const dialect of DIALECTS) {
  describe(`hook files (${dialect})`, () => {
    let t: TestApp;
    let su: string;
    const api = (path: string) => `${t.url}${path}`;
    const count = async (collection: string) =>
      (await call(api(`/api/collections/${collection}/records?perPage=1`), 'GET', undefined, su)).body
        .totalItems as number;

    before(async () => {
      const p = project();
      p.hook('main.ts', MAIN_HOOKS);
      p.hook('zz-bad.mts', BAD_HOOKS);
      p.hook('notes.d.ts', 'this is not code and is not loaded');
      t = await startApp({ dialect, flags: { ...p.flags, 'hooks-timeout': '1' } });
      su = await t.superuserToken();
      const make = async (name: string, fields: unknown[]) => {
        const r = await call(api('/api/collections'), 'POST', { name, ...OPEN, fields }, su);
        assert.equal(r.status, 200, JSON.stringify(r.body));
      };
      await make('posts', [
        { name: 'title', type: 'text' },
        { name: 'slug', type: 'text' },
        { name: 'n', type: 'number' },
      ]);
      await make('audit', [{ name: 'what', type: 'text' }]);
      for (const name of ['throws', 'hangs', 'hangsmodel', 'twice', 'never', 'nevermodel']) {
        await make(name, [{ name: 'title', type: 'text' }]);
      }
      await make('loops', [{ name: 'n', type: 'number' }]);
      await make('afterloops', [{ name: 'n', type: 'number' }]);
    });
    after(() => t.close());

    it('serves custom routes with path params, query, body, npm packages and built-ins', async () => {
      const hello = await call(api('/api/hello/ana?q=x'), 'GET');
      assert.equal(hello.status, 200);
      assert.deepEqual(hello.body, { hello: 'ana', q: 'x', croner: 'function', started: true });
      const echo = await call(api('/api/echo'), 'POST', { text: 'abc' });
      assert.deepEqual(echo.body, { sha: 'ba7816bf', auth: null });
      const text = await call(api('/api/text'), 'GET');
      assert.equal(text.status, 201);
      assert.equal(text.body, 'plain words');
      assert.match(text.headers.get('content-type') ?? '', /^text\/plain/);
      const go = await call(api('/api/go'), 'GET');
      assert.equal(go.status, 302);
      assert.equal(go.headers.get('location'), '/api/hello/there');
    });

    it('guards custom routes with requireAuth and requireSuperuserAuth', async () => {
      const user = await createUser(t, 'ana@example.com');
      assert.equal((await call(api('/api/members'), 'GET')).status, 401);
      const member = await call(api('/api/members'), 'GET', undefined, user.token);
      assert.deepEqual(member.body, { id: user.id });
      const notAdmin = await call(api('/api/admins'), 'GET', undefined, user.token);
      assert.equal(notAdmin.status, 403);
      assert.deepEqual((await call(api('/api/admins'), 'GET', undefined, su)).body, { ok: true });
    });

    it('answers thrown ApiErrors in the API error format and other throws as a bare 500', async () => {
      const teapot = await call(api('/api/teapot'), 'GET');
      assert.equal(teapot.status, 418);
      assert.deepEqual(teapot.body, {
        status: 418,
        message: "I'm a teapot.",
        data: { pot: { code: 'short', message: 'Short and stout.' } },
      });
      const crash = await call(api('/api/crash'), 'GET');
      assert.equal(crash.status, 500);
      assert.equal(crash.body.status, 500);
      assert.doesNotMatch(JSON.stringify(crash.body), /secret/);
    });

    it('validates and enriches records before they are saved, and reacts after commit', async () => {
      const before = await count('audit');
      const r = await call(api('/api/collections/posts/records'), 'POST', { title: 'Hello World', n: 1 });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.slug, 'hello-world');
      assert.equal(r.body.n, 101);
      assert.equal(r.body.via, 'hook');
      const stored = await call(api(`/api/collections/posts/records/${r.body.id}`), 'GET');
      assert.equal(stored.body.slug, 'hello-world');
      await eventually(async () => (await count('audit')) === before + 1, 'the after-commit audit record');

      const refused = await call(api('/api/collections/posts/records'), 'POST', { title: 'forbidden' });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.data, { title: { code: 'banned', message: 'Not this title.' } });
      const instead = await call(api('/api/collections/posts/records'), 'POST', { title: 'answer-instead' });
      assert.equal(instead.status, 202);
      assert.deepEqual(instead.body, { skipped: true });
      const list = await call(
        api('/api/collections/posts/records?filter=(title="forbidden"||title="answer-instead")'),
        'GET',
      );
      assert.equal(list.body.totalItems, 0);
    });

    it('gives update hooks the stored record with the submitted changes', async () => {
      const created = await call(api('/api/collections/posts/records'), 'POST', { title: 'Stored' });
      const updated = await call(api(`/api/collections/posts/records/${created.body.id}`), 'PATCH', { n: 7 });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.slug, 'updated-stored');
      assert.equal(updated.body.n, 7);
    });

    it('lets onRecordAuthRequest refuse a sign-in', async () => {
      await createUser(t, 'blocked@example.com', { password: 'blocked-password-1' });
      await createUser(t, 'fine@example.com', { password: 'fine-password-1' });
      const signIn = (identity: string, password: string) =>
        call(api('/api/collections/users/auth-with-password'), 'POST', { identity, password });
      const blocked = await signIn('blocked@example.com', 'blocked-password-1');
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.message, 'Blocked.');
      assert.equal((await signIn('fine@example.com', 'fine-password-1')).status, 200);
    });

    it('runs the same hooks for writes through the SDK and batch requests', async () => {
      const enable = await call(api('/api/settings'), 'PATCH', { batch: { enabled: true } }, su);
      assert.equal(enable.status, 200, JSON.stringify(enable.body));
      const pb = new PocketBase(t.url);
      const created = await pb.collection('posts').create({ title: 'From SDK' });
      assert.equal(created.slug, 'from-sdk');
      assert.equal(created.n, 100);
      const batch = pb.createBatch();
      batch.collection('posts').create({ title: 'answer-instead' });
      batch.collection('posts').create({ title: 'In Batch' });
      const results = await batch.send();
      assert.equal(results[0]?.status, 202);
      assert.equal(results[1]?.body.slug, 'in-batch');
      const hello = await pb.send('/api/hello/sdk', {});
      assert.equal(hello.hello, 'sdk');
    });

    it('binds {:name} filter parameters safely', async () => {
      for (const title of [`it's`, 'back\\', `") || 1=1 || ("`, "' || id != '"]) {
        const r = await call(api('/api/collections/posts/records'), 'POST', { title, n: 1 });
        assert.equal(r.status, 200);
        const found = await call(api(`/api/find?t=${encodeURIComponent(title)}`), 'GET');
        assert.deepEqual(found.body, { titles: [title] });
      }
      assert.deepEqual((await call(api('/api/find?t=nothing'), 'GET')).body, { titles: [] });
    });

    it('runs e.app writes of a model hook in the write transaction', async () => {
      const audits = await count('audit');
      const posts = await count('posts');
      assert.equal(
        (await call(api('/api/collections/posts/records'), 'POST', { title: 'inside-then-fail' })).status,
        400,
      );
      assert.equal(await count('audit'), audits);
      assert.equal(await count('posts'), posts);
      assert.equal((await call(api('/api/collections/posts/records'), 'POST', { title: 'inside-ok' })).status, 200);
      const found = await call(
        api('/api/collections/audit/records?filter=what%3D%22inside%20inside-ok%22'),
        'GET',
        undefined,
        su,
      );
      assert.equal(found.body.totalItems, 1);
    });

    it('commits everything runInTransaction writes, or nothing', async () => {
      const before = await count('posts');
      assert.equal((await call(api('/api/two-posts'), 'POST', { fail: true })).status, 400);
      assert.equal(await count('posts'), before);
      assert.equal((await call(api('/api/two-posts'), 'POST', {})).status, 204);
      assert.equal(await count('posts'), before + 2);
    });

    it('lists hook cron jobs in /api/crons and runs them on demand', async () => {
      const jobs = await call(api('/api/crons'), 'GET', undefined, su);
      assert.ok(jobs.body.some((j: { id: string }) => j.id === 'tick'));
      const runs = async () =>
        (await call(api('/api/collections/audit/records?filter=what="cron ran"'), 'GET', undefined, su)).body
          .totalItems;
      assert.equal(await runs(), 0);
      assert.equal((await call(api('/api/crons/tick'), 'POST', undefined, su)).status, 204);
      await eventually(async () => (await runs()) === 1, 'the cron job to run');
    });

    it('logs and rate-limits custom routes like built-in ones', async () => {
      const rules = [{ label: 'GET /api/limited/', audience: '', duration: 60, maxRequests: 1 }];
      const saved = await call(api('/api/settings'), 'PATCH', { rateLimits: { enabled: true, rules } }, su);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal((await call(api('/api/limited/1'), 'GET')).status, 200);
      const limited = await call(api('/api/limited/2'), 'GET');
      assert.equal(limited.status, 429);
      assert.equal(limited.body.status, 429);
      await call(api('/api/settings'), 'PATCH', { rateLimits: { enabled: false } }, su);
      await eventually(async () => {
        const logs = await call(api('/api/logs?filter=data.url="/api/limited/2"'), 'GET', undefined, su);
        return logs.body.items?.[0]?.data?.status === 429;
      }, 'the request log of the custom route');
    });

    it('answers a throwing hook with a bare 500 and stores nothing', async () => {
      const r = await call(api('/api/collections/throws/records'), 'POST', { title: 'x' });
      assert.equal(r.status, 500);
      assert.doesNotMatch(JSON.stringify(r.body), /secret/);
      assert.equal(await count('throws'), 0);
    });

    it('answers 504 when a request hook, a model hook or a route hangs, and stores nothing', async () => {
      for (const name of ['hangs', 'hangsmodel']) {
        const r = await call(api(`/api/collections/${name}/records`), 'POST', { title: 'x' });
        assert.equal(r.status, 504, name);
        assert.equal(r.body.message, 'The request took too long to process.');
        assert.equal(await count(name), 0);
      }
      assert.equal((await call(api('/api/slow'), 'GET')).status, 504);
      // the server keeps serving, writes included
      assert.equal((await call(api('/api/collections/posts/records'), 'POST', { title: 'still here' })).status, 200);
    });

    it('fails a hook that calls next() twice or never, storing nothing', async () => {
      for (const name of ['twice', 'never', 'nevermodel']) {
        const r = await call(api(`/api/collections/${name}/records`), 'POST', { title: 'x' });
        assert.equal(r.status, 500, name);
      }
      // a request hook wraps the whole operation: its first next() has saved the record when the second one throws
      assert.equal(await count('twice'), 1);
      assert.equal(await count('never'), 0);
      assert.equal(await count('nevermodel'), 0);
    });

    it('stops hooks that write in a loop without corrupting data', async () => {
      const created = await call(api('/api/collections/loops/records'), 'POST', { n: 0 });
      assert.equal(created.status, 200);
      const id = created.body.id as string;
      const r = await call(api(`/api/collections/loops/records/${id}`), 'PATCH', { n: 5 });
      // the depth limit answers 500; on a very busy machine the 20 nested writes can outlast this suite's
      // one-second hook timeout first (504): either rail stops the loop, and nothing is stored
      assert.ok(r.status === 500 || r.status === 504, `status ${r.status}`);
      const stored = await call(api(`/api/collections/loops/records/${id}`), 'GET');
      assert.equal(stored.body.n, 0);

      assert.equal((await call(api('/api/collections/afterloops/records'), 'POST', { n: 0 })).status, 200);
      // the after-commit chain stops at the write-depth limit
      let seen = -1;
      await eventually(async () => {
        const n = await count('afterloops');
        const settled = n === seen;
        seen = n;
        return settled && n > 1;
      }, 'the after-commit loop to stop');
      assert.equal(seen, 21);
      assert.equal((await call(api('/api/health'), 'GET')).status, 200);
    });
  });
}
