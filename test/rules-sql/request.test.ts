import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GUEST, requestInfo } from '../../src/core/request.js';
import { sql, valuesOf } from '../../src/store/sql.js';
import { type Fixture, openFixture } from './fixture.js';
import { conditions, matching, runRows } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const ALL = ['p1', 'p2', 'p3', 'p4'];

describe('@request.auth', () => {
  it('is NULL for guests', async () => {
    await runRows(fx, [
      ['author = @request.auth.id', ['p3']],
      ["@request.auth.id != ''", []],
      ["@request.auth.id = ''", ALL],
      ['@request.auth.id:isset = false', ALL],
      ["@request.auth.team.name = 'Red'", []],
      ['@request.auth.verified = null', ALL],
    ]);
  });

  it('binds static fields and joins the others from the auth collection', async () => {
    const u1 = { who: fx.users.u1 };
    const u2 = { who: fx.users.u2 };
    await runRows(fx, [
      ['author = @request.auth.id', ['p1'], u1],
      ['author = @request.auth.id', ['p2'], u2],
      ["@request.auth.id != ''", ALL, u1],
      ['@request.auth.verified = true', ALL, u1],
      ['@request.auth.verified = true', [], u2],
      ['@request.auth.emailVisibility = false', ALL, u2],
      ["@request.auth.collectionName = 'users' && @request.auth.collectionId = 'c_users'", ALL, u1],
      ["@request.auth.email = 'ann@x.io'", ALL, u1],
      ["@request.auth.email:lower = 'ANN@X.IO'", [], u1],
      ["@request.auth.name = 'Ann'", ALL, u1],
      ["@request.auth.name:lower = 'ann'", ALL, u1],
      ["@request.auth.secret = 's1'", ALL, u1],
      ["@request.auth.team.name = 'Red'", ALL, u1],
      ["@request.auth.team.name = 'Red'", [], u2],
      ["@request.auth.roles:each ?= 'admin'", ALL, u1],
      ["@request.auth.roles:each ?= 'admin'", [], u2],
      ['@request.auth.roles:length = 2', ALL, u1],
      ['@request.auth.nonexistent = null', ALL, u1],
      ['@request.auth.name:isset = true', ALL, u1],
      ['editors.id ?= @request.auth.id', ['p1', 'p4'], u1],
      ['@request.auth.members_via_user.team ?= author.team', ['p1'], u1],
      ["@request.auth.email = 'root@x.io'", ALL, { who: fx.users.su }],
      ['@request.auth', 'invalid', u1],
    ]);
  });
});

describe('@request.query, headers, method, context', () => {
  it('reads first values; missing keys are NULL', async () => {
    const info = {
      query: { q: 'Hello World', n: '5', up: 'HELLO' },
      headers: { x_token: 'abc' },
      method: 'POST',
      context: 'oauth2',
    };
    await runRows(
      fx,
      [
        ['title = @request.query.q', ['p1']],
        ["@request.query.missing = ''", ALL],
        ['@request.query.missing = null', ALL],
        ['@request.query.q:isset = true', ALL],
        ['@request.query.missing:isset = true', []],
        ['@request.query.q.deeper = null', ALL],
        ['title:lower ~ @request.query.up:lower', ['p1', 'p2']],
        ['views > @request.query.n', ['p1']],
        ["@request.headers.x_token = 'abc'", ALL],
        ["@request.headers.X_Token = 'abc'", ALL],
        ["@request.method = 'POST'", ALL],
        ["@request.context = 'oauth2'", ALL],
        ['@request.method.x = null', ALL],
        ['@request.query.q:each = 1', 'invalid'],
        ['@request.query.q:changed = true', 'invalid'],
        ['@request.query = 1', 'invalid'],
        ['@request.data.x = 1', 'invalid'],
        ['@request.foo = 1', 'invalid'],
        ['@request = 1', 'invalid'],
      ],
      { info },
    );
  });
});

describe('@request.body', () => {
  const body = (b: Record<string, unknown>) => ({ info: { body: b, method: 'PATCH' } });

  it('compares submitted values, number fields numerically', async () => {
    await runRows(fx, [
      ['@request.body.title = title', ['p1'], body({ title: 'Hello World' })],
      ["@request.body.title = ''", ALL, body({})],
      ['@request.body.views < 10', ALL, body({ views: '7' })],
      ['@request.body.other < 10', [], body({ other: '7' })],
      ['@request.body.published = published', ['p1', 'p3'], body({ published: true })],
      ['@request.body.meta.x.0 = 5', ALL, body({ meta: { x: [5] } })],
      ['@request.body.meta.x.1 = null', ALL, body({ meta: { x: [5] } })],
      ['@request.body.tags = tags', ['p1'], body({ tags: ['a', 'b'] })],
      ['@request.body.x:isset = true', ALL, body({ x: '' })],
      ['@request.body.x:isset = true', [], body({})],
      ["@request.body.title:lower = 'abc'", ALL, body({ title: 'ABC' })],
    ]);
  });

  it('counts and iterates list fields', async () => {
    await runRows(fx, [
      ['@request.body.tags:length <= 1', [], body({ tags: ['a', 'b'] })],
      ['@request.body.tags:length <= 1', ALL, body({ tags: ['a'] })],
      ['@request.body.tags:length = 0', ALL, body({})],
      ["@request.body.tags:each ?= 'a'", ALL, body({ tags: ['a', 'b'] })],
      ["@request.body.tags:each = 'a'", [], body({ tags: ['a', 'b'] })],
      ["@request.body.tags:each = 'a'", ALL, body({ tags: ['a'] })],
      ['@request.body.tags:each ?= tags:each', ['p1', 'p2'], body({ tags: ['b'] })],
      ["@request.body.category:each = 'news'", ALL, body({ category: 'news' })],
      ['@request.body.title:length = 1', 'invalid', body({})],
      ['@request.body.nope:each = 1', 'invalid', body({})],
    ]);
  });

  it('traverses submitted relation ids', async () => {
    await runRows(fx, [
      ["@request.body.editors.name ?= 'Bob'", ALL, body({ editors: ['u1', 'u2'] })],
      ["@request.body.editors.name ?= 'Bob'", [], body({ editors: ['u1'] })],
      ["@request.body.editors.name = 'Bob'", [], body({ editors: ['u1', 'u2'] })],
      ['@request.body.editors.verified = true', ALL, body({ editors: ['u1'] })],
      ["@request.body.author.name = 'Ann'", ALL, body({ author: 'u1' })],
      ['@request.body.author.name = null', ALL, body({})],
      ['@request.body.author.team.name = author.team.name', ['p1'], body({ author: 'u1' })],
    ]);
  });

  it(':changed compares the submitted value with the stored one', async () => {
    await runRows(fx, [
      ['@request.body.title:changed = true', ALL, body({ title: 'new' })],
      ['@request.body.title:changed = true', [], body({})],
      ['@request.body.title:changed = true', ['p2', 'p3', 'p4'], body({ title: 'Hello World' })],
      ['@request.body.title:changed = false', ['p1'], body({ title: 'Hello World' })],
      ['@request.body.title:changed = false', ALL, body({})],
      ['@request.body.views:changed = false', ['p1'], body({ views: 10 })],
      ['@request.body.title:changed = true', ['p1', 'p2', 'p4'], body({ title: '' })],
      ['@request.body.nope:changed = true', 'invalid', body({})],
      ['@request.body.meta.a:changed = true', 'invalid', body({})],
    ]);
  });
});

describe('macros (UTC, bound per request)', () => {
  it('evaluates dates and numbers', async () => {
    const now = new Date();
    await runRows(fx, [
      ['@todayStart <= @now && @now <= @todayEnd', ALL],
      ['@yesterday < @now && @now < @tomorrow', ALL],
      ['@monthStart <= @todayStart && @todayEnd <= @monthEnd', ALL],
      ['@yearStart <= @monthStart && @monthEnd <= @yearEnd', ALL],
      [`@year = ${now.getUTCFullYear()}`, ALL],
      ['@month >= 1 && @month <= 12 && @day >= 1 && @day <= 31', ALL],
      ['@weekday >= 0 && @weekday <= 6 && @hour <= 23 && @minute <= 59 && @second <= 59', ALL],
      ["created < @now && created != ''", ['p1', 'p2', 'p3']],
      ["@now ~ '-'", ALL],
    ]);
  });

  it('formats like YYYY-MM-DD HH:MM:SS.mmmZ', () => {
    const info = requestInfo(GUEST);
    const cond = conditions.rule(fx.app, fx.collections.posts as never, '@todayEnd = @yearStart', info);
    const [todayEnd, yearStart] = valuesOf(cond);
    assert.match(String(todayEnd), /^\d{4}-\d{2}-\d{2} 23:59:59\.999Z$/);
    assert.match(String(yearStart), /^\d{4}-01-01 00:00:00\.000Z$/);
  });
});

describe('functions', () => {
  it('geoDistance computes Haversine kilometres', async () => {
    await runRows(fx, [
      ['geoDistance(location.lon, location.lat, 23.32, 42.69) < 25', ['p1']],
      [
        'geoDistance(location.lon, location.lat, 23.32, 42.69) > 1700 && geoDistance(location.lon, location.lat, 23.32, 42.69) < 1800',
        ['p3'],
      ],
      ['geoDistance(23.32, 42.69, 23.32, 42.69) = 0', ALL],
      ['geoDistance(0, 0, 180, 0) > 20015 && geoDistance(0, 0, 180, 0) < 20016', ALL],
      ['geoDistance(@collection.posts.location.lon, @collection.posts.location.lat, 2.35, 48.86) ?< 1', ALL],
      ['geoDistance(editors.team.lead.views, 0, 0, 0) ?= null', 'invalid'],
      ['geoDistance(1, 2, 3) < 1', 'invalid'],
      ["geoDistance('a', 2, 3, 4) < 1", 'invalid'],
    ]);
  });

  it('strftime formats dates, NULL as empty text', async () => {
    await runRows(fx, [
      ["strftime('%Y', created) = '2024'", ['p1']],
      ["strftime('%Y-%m', created) = '2025-06'", ['p2']],
      ["strftime('%Y', created) = ''", ['p4']],
      ["strftime('%Y', created, 'start of year', '+1 year') = '2025'", ['p1']],
      ["strftime('%Y', editors.created) ?= ''", ['p1', 'p2', 'p3', 'p4']],
      ["strftime('%Y', strftime('%Y-%m-%d', strftime('%Y-%m-%d %H:%M', created))) = '2026'", ['p3']],
      ["strftime('%Y', strftime('%Y', strftime('%Y', strftime('%Y', created)))) = '1'", 'invalid'],
      ["strftime(created) = 'x'", 'invalid'],
      ["strftime('%Y', created, views) = 'x'", 'invalid'],
      ["strftime() = 'x'", 'invalid'],
      ['unknownFn(1) = 1', 'invalid'],
      ['GEODISTANCE(1, 2, 3, 4) = 1', 'invalid'],
    ]);
  });
});

describe('create rules against the would-be record', () => {
  it('runs over a one-row CTE aliased "__r"', async () => {
    const rule = "@request.auth.id != '' && author = @request.auth.id && editors.name ?= 'Ann' && tags:each ?= 'x'";
    const info = requestInfo(fx.users.u1 as never, { body: {} });
    const cond = conditions.rule(fx.app, fx.collections.posts as never, rule, info);
    const run = async (author: string) => {
      const row = await fx.store.get(
        sql`WITH "__new" AS (SELECT ${'new1'} AS "id", ${author} AS "author", ${'["u1"]'} AS "editors", ${'["x","y"]'} AS "tags") SELECT 1 AS ok FROM "__new" AS "__r" WHERE (${cond})`,
      );
      return row !== undefined;
    };
    assert.equal(await run('u1'), true);
    assert.equal(await run('u2'), false);
    assert.deepEqual(await matching(fx, 'comments_via_post.id = null', { who: fx.users.u1 }), ['p3', 'p4']);
  });
});
