import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import { deleteOldLogs, flushLogs, logAppError } from '../../src/core/logs/index.js';
import type { LogsSettings, Settings } from '../../src/core/settings/settings.js';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';

interface Log {
  id: string;
  created: string;
  level: number;
  message: string;
  data: Record<string, any>;
}

for (const dialect of DIALECTS) {
  describe(`request and app logs (${dialect})`, () => {
    let t: TestApp;
    let su: string;
    const defaults = (): LogsSettings => ({ maxDays: 5, minLevel: 0, logIP: true, logAuthId: false });

    const setLogs = (logs: Partial<LogsSettings>) => {
      const next = structuredClone(t.app.settings.get()) as Settings;
      next.logs = { ...defaults(), ...logs };
      t.app.settings.replace(next);
    };

    const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.token) headers.set('authorization', init.token);
      const res = await fetch(`${t.url}${path}`, { ...init, headers });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    };

    /** The logs API as the superuser, after everything queued has been written. */
    const logs = async (query = ''): Promise<{ status: number; json: any }> => {
      await flushLogs(t.app);
      return call(`/api/logs${query}`, { token: su });
    };

    /** Removes every stored entry (retention with maxDays 0 deletes them all). */
    const clearLogs = async () => {
      await flushLogs(t.app);
      setLogs({ maxDays: 0 });
      await deleteOldLogs(t.app);
      setLogs({});
    };

    const requestLogs = async (filter: string): Promise<Log[]> => {
      const r = await logs(`?perPage=1000&filter=${encodeURIComponent(filter)}`);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json.items;
    };

    before(async () => {
      t = await startApp({ dialect });
      su = await t.superuserToken();
      await call('/api/collections', {
        method: 'POST',
        token: su,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'posts',
          type: 'base',
          listRule: '',
          viewRule: '',
          createRule: '',
          fields: [{ name: 'title', type: 'text' }],
        }),
      });
    });

    after(() => t.close());

    beforeEach(async () => {
      await clearLogs();
    });

    it('stores logs apart from the data', () => {
      if (dialect === 'sqlite') assert.ok(readdirSync(t.dir).includes('auxiliary.db'));
    });

    it('logs a request with the data keys of the API', async () => {
      const r = await call('/api/collections/posts/records?page=1', {
        headers: { referer: 'http://example.com/page', 'user-agent': 'logs-test/1.0' },
      });
      assert.equal(r.status, 200);
      const [entry, ...rest] = await requestLogs('data.url = "/api/collections/posts/records?page=1"');
      assert.equal(rest.length, 0);
      assert.ok(entry);
      assert.match(entry.id, /^[a-z0-9]{15}$/);
      assert.match(entry.created, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.equal(entry.level, 0);
      assert.equal(entry.message, 'GET /api/collections/posts/records?page=1');
      const { execTime, ...data } = entry.data;
      assert.equal(typeof execTime, 'number');
      assert.ok(execTime >= 0);
      assert.deepEqual(data, {
        type: 'request',
        url: '/api/collections/posts/records?page=1',
        method: 'GET',
        status: 200,
        referer: 'http://example.com/page',
        userAgent: 'logs-test/1.0',
        auth: '',
        userIP: '127.0.0.1',
        remoteIP: '127.0.0.1',
      });
      const one = await call(`/api/logs/${entry.id}`, { token: su });
      assert.equal(one.status, 200);
      assert.deepEqual(one.json, entry);
    });

    it('logs failed requests as errors with error and details', async () => {
      const bad = await call('/api/collections/posts/records?filter=nope%3D', {});
      assert.equal(bad.status, 400);
      const missing = await call('/api/collections/nothing/records/abc');
      assert.equal(missing.status, 404);
      const invalid = await call('/api/collections/posts/records', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 5, id: 'x' }),
      });
      assert.equal(invalid.status, 400);
      const errors = await requestLogs('level = 8 && data.type = "request"');
      assert.equal(errors.length, 3);
      const badFilter = errors.find((e) => e.data.url.includes('filter='));
      assert.equal(badFilter?.data.status, 400);
      assert.equal(badFilter?.data.error, 'Something went wrong while processing your request.');
      const notFound = errors.find((e) => e.data.status === 404);
      assert.equal(notFound?.data.error, 'Missing collection context.');
      const failedCreate = errors.find((e) => e.data.method === 'POST');
      assert.equal(failedCreate?.data.error, 'Failed to create record.');
      assert.ok(failedCreate?.data.details.id, 'field errors are the details');
    });

    it('records the requester collection, and its id with logAuthId', async () => {
      const user = await createUser(t, 'ann@example.com');
      await call('/api/collections/posts/records', { token: user.token });
      let [entry] = await requestLogs('data.auth = "users"');
      assert.equal(entry?.data.auth, 'users');
      assert.equal('authId' in (entry?.data ?? {}), false);
      await clearLogs();
      setLogs({ logAuthId: true, logIP: false });
      await call('/api/collections/posts/records', { token: user.token });
      [entry] = await requestLogs('data.auth = "users"');
      assert.equal(entry?.data.authId, user.id);
      assert.equal('userIP' in (entry?.data ?? {}), false);
      assert.equal('remoteIP' in (entry?.data ?? {}), false);
      setLogs({});
    });

    it('logs nothing with maxDays 0 and nothing below minLevel', async () => {
      setLogs({ maxDays: 0 });
      await call('/api/collections/posts/records');
      logAppError(t.app, 'ignored');
      await flushLogs(t.app);
      setLogs({});
      assert.equal((await logs()).json.totalItems, 0);
      setLogs({ minLevel: 4 });
      await call('/api/collections/posts/records');
      await call('/api/collections/posts/records/missing1234567');
      await flushLogs(t.app);
      setLogs({});
      const items = (await logs()).json.items as Log[];
      assert.deepEqual(
        items.map((e) => [e.level, e.data.status]),
        [[8, 404]],
      );
    });

    it('does not log its own successful requests, but logs refused ones', async () => {
      await logs();
      await call('/api/logs/stats', { token: su });
      await call('/api/logs');
      const items = (await logs()).json.items as Log[];
      assert.deepEqual(
        items.map((e) => [e.data.url, e.data.status]),
        [['/api/logs', 401]],
      );
    });

    it('stores a server error as an app log and never sends its stack', async () => {
      const id = t.app.events.onRecordsListRequest.tagged('posts').bind(async () => {
        throw new Error('database exploded');
      });
      try {
        const r = await call('/api/collections/posts/records');
        assert.equal(r.status, 500);
        assert.deepEqual(r.json, {
          data: {},
          message: 'Something went wrong while processing your request.',
          status: 500,
        });
      } finally {
        t.app.events.onRecordsListRequest.unbind(id);
      }
      const apps = await requestLogs('data.type != "request"');
      assert.equal(apps.length, 1);
      assert.equal(apps[0]?.level, 8);
      assert.equal(apps[0]?.message, 'database exploded');
      assert.equal(apps[0]?.data.error, 'Error: database exploded');
      assert.match(apps[0]?.data.stack, /database exploded/);
      const [req] = await requestLogs('data.status = 500');
      assert.equal(req?.level, 8);
      assert.equal(req?.data.details, 'database exploded');
    });

    it('filters, sorts, pages and picks fields', async () => {
      for (let i = 0; i < 5; i++) await call(`/api/collections/posts/records?n=${i}`);
      await call('/api/collections/posts/records/missing1234567');
      logAppError(t.app, 'job failed', { job: 'nightly', error: new Error('no disk') });
      const all = await requestLogs('');
      assert.equal(all.length, 7);
      const r = await logs('?filter=' + encodeURIComponent('data.status >= 400') + '&perPage=10');
      assert.equal(r.json.totalItems, 1);
      assert.equal(r.json.items[0].data.status, 404);
      const app = await requestLogs('data.job = "nightly" && message ~ "job"');
      assert.equal(app[0]?.data.error, 'Error: no disk');
      const paged = await logs('?sort=-@rowid&perPage=2&page=2');
      assert.equal(paged.json.totalItems, 7);
      assert.equal(paged.json.totalPages, 4);
      assert.deepEqual(
        paged.json.items.map((e: Log) => e.data.url),
        ['/api/collections/posts/records?n=4', '/api/collections/posts/records?n=3'],
      );
      const skipped = await logs('?skipTotal=true&perPage=1');
      assert.equal(skipped.json.totalItems, -1);
      assert.equal(skipped.json.items.length, 1);
      const byUrl = await logs('?sort=-data.url,id&filter=' + encodeURIComponent('data.method = "GET"'));
      assert.equal(byUrl.json.items[0].data.url, '/api/collections/posts/records?n=4');
      const byLevel = await logs('?sort=-level,created');
      assert.equal(byLevel.json.items[0].level, 8);
      const random = await logs('?sort=@random');
      assert.equal(random.status, 200);
      assert.equal(random.json.items.length, 7);
      const fields = await logs('?fields=id,data.status&perPage=1&sort=@rowid');
      assert.deepEqual(Object.keys(fields.json.items[0]).sort(), ['data', 'id']);
      assert.deepEqual(fields.json.items[0].data, { status: 200 });
      const cyclic: Record<string, unknown> = { n: 1 };
      cyclic.self = cyclic;
      logAppError(t.app, 'cyclic data', cyclic);
      const [note] = await requestLogs('message = "cyclic data"');
      assert.match(String(note?.data.serializeError), /circular/i);
    });

    it('answers a bad filter or sort with 400 and cannot reach other tables', async () => {
      for (const q of [
        '?filter=' + encodeURIComponent('nope = 1'),
        '?filter=' + encodeURIComponent('level >'),
        '?filter=' + encodeURIComponent('@collection.posts.title = "a"'),
        '?filter=' + encodeURIComponent('@collection._superusers.email != ""'),
        '?filter=' + encodeURIComponent('posts_via_title.id != ""'),
        '?sort=password',
        '?sort=' + encodeURIComponent('@collection.posts.title'),
        '?page=x',
      ]) {
        const r = await logs(q);
        assert.equal(r.status, 400, q);
        assert.equal(r.json.message, 'Something went wrong while processing your request.');
      }
    });

    it('answers 404 for a missing log and guards every route', async () => {
      const r = await call('/api/logs/nothinghere1234', { token: su });
      assert.equal(r.status, 404);
      const user = await createUser(t, 'bob@example.com');
      for (const path of ['/api/logs', '/api/logs/stats', '/api/logs/abc']) {
        assert.equal((await call(path)).status, 401, path);
        assert.equal((await call(path, { token: user.token })).status, 403, path);
      }
    });

    it('counts entries per hour, with an optional filter', async () => {
      for (let i = 0; i < 3; i++) await call('/api/collections/posts/records');
      await call('/api/collections/posts/records/missing1234567');
      await flushLogs(t.app);
      const r = await call('/api/logs/stats', { token: su });
      assert.equal(r.status, 200);
      assert.equal(r.json.length, 1);
      assert.equal(r.json[0].total, 4);
      assert.match(r.json[0].date, /^\d{4}-\d{2}-\d{2} \d{2}:00:00\.000Z$/);
      const errs = await call(`/api/logs/stats?filter=${encodeURIComponent('level >= 8')}`, { token: su });
      assert.deepEqual(errs.json, [{ total: 1, date: r.json[0].date }]);
      const bad = await call(`/api/logs/stats?filter=${encodeURIComponent('nope = 1')}`, { token: su });
      assert.deepEqual(bad, { status: 400, json: { data: {}, message: 'Invalid filter format.', status: 400 } });
    });

    it('deletes entries older than maxDays', async () => {
      await call('/api/collections/posts/records');
      await flushLogs(t.app);
      setLogs({ maxDays: 2 });
      const day = 24 * 60 * 60 * 1000;
      assert.equal(await deleteOldLogs(t.app, new Date(Date.now() + day)), 0);
      assert.equal(await deleteOldLogs(t.app, new Date(Date.now() + 3 * day)), 1);
      setLogs({});
      assert.equal((await logs()).json.totalItems, 0);
    });

    it('works through the SDK', async () => {
      await call('/api/collections/posts/records?sdk=1');
      await call('/api/collections/posts/records/missing1234567');
      await flushLogs(t.app);
      const pb = new PocketBase(t.url);
      pb.autoCancellation(false);
      pb.authStore.save(su);
      const list = await pb.logs.getList(1, 10, { filter: 'data.status = 404', sort: '-@rowid' });
      assert.equal(list.totalItems, 1);
      const one = await pb.logs.getOne(list.items[0]?.id as string);
      assert.equal(one.data.url, '/api/collections/posts/records/missing1234567');
      const stats = await pb.logs.getStats({ filter: 'data.url ~ "sdk"' });
      assert.equal(stats.length, 1);
      assert.equal(stats[0]?.total, 1);
      await assert.rejects(pb.logs.getOne('nothinghere1234'), (err: { status: number }) => err.status === 404);
    });
  });
}
