import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GUEST, requestInfo } from '../../src/core/request.js';
import { type Fixture, openFixture } from './fixture.js';
import { assertInvalid, conditions, matching, runRows } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const ALL = ['p1', 'p2', 'p3', 'p4'];
const TITLES: ReadonlyArray<readonly [string, string]> = [
  ['p1', 'Hello World'],
  ['p2', 'hello there'],
  ['p3', ''],
  ['p4', "O'Reilly; DROP TABLE posts; --"],
];
const chain = (item: string, n: number, glue = ' || ') => Array.from({ length: n }, () => item).join(glue);

describe('limits (spec §5.9)', () => {
  it('accepts 200 comparisons of every shape and rejects 201', async () => {
    const info = { info: { query: { q: 'Hello World' } } };
    await runRows(fx, [
      [chain('views>5', 200, '||'), ['p1']],
      [chain("tags:each?='b'", 200, '||'), ['p1', 'p2']],
      [chain("tags:each='b'", 200, '&&'), ['p2']],
      [chain("editors.id?='u2'", 190, '||'), ['p1', 'p2']],
      [chain("editors.name = 'Bob'", 100, ' && '), ['p2']],
      [chain('@request.query.q = title', 100), ['p1'], info],
      [chain("comments_via_post.text~'great'", 100, '||'), ['p2']],
      [chain('@collection.members:m.user?=author', 95, '&&'), ['p1', 'p2']],
      [chain('geoDistance(location.lon, location.lat, 1, 1) > 0', 60), ALL],
      [chain('views>5', 201, '||'), 'invalid'],
    ]);
  });

  it('limits length, nesting and function depth', async () => {
    const long = `title = '${'x'.repeat(3490)}'`;
    await runRows(fx, [
      [long.slice(0, 3500 - 1).concat("'"), []],
      [`${long}xxxxx`, 'invalid'],
      [`${'('.repeat(50)}views > 5${')'.repeat(50)}`, ['p1']],
      [`${'('.repeat(51)}views > 5${')'.repeat(51)}`, 'invalid'],
      ['', ALL],
      ['   ', 'invalid'],
      ['// only a comment', 'invalid'],
    ]);
  });
});

describe('injection attempts are bound as data or rejected', () => {
  const nasty = ["'", '"', '--', ';', ')', "'); DROP TABLE posts; --", '" OR 1=1 --', '\\', '%', '_', '\u0000'];

  it('binds every literal, request value and modifier text', async () => {
    await runRows(fx, [
      ['title = "O\'Reilly; DROP TABLE posts; --"', ['p4']],
      ["title = 'O\\'Reilly; DROP TABLE posts; --'", ['p4']],
      ["title = 'x\\' OR 1=1 --'", []],
      ['title ~ "Reilly; DROP"', ['p4']],
      ['title ~ "\'; DROP TABLE posts; --"', []],
      ["title = ')' || title = '--' || title = ';'", []],
      ["strftime('%Y\\'); DROP TABLE posts; --', created) = ''", ['p4']],
      ["strftime('%Y', created, '\\'); DROP TABLE posts; --') = ''", ALL],
      ['meta.s = "\' OR 1=1"', []],
      ["meta.s = ''' OR 1=1'", 'invalid'],
    ]);
    for (const value of nasty) {
      const info = {
        query: { q: value },
        headers: { h: value },
        body: { title: value, meta: { [value]: value }, tags: [value] },
      };
      await runRows(fx, [
        ['title = @request.query.q || @request.headers.h = id', [], { info }],
        ['@request.body.title:changed = false', [], { info }],
        ['@request.body.tags:each ?= tags:each', [], { info }],
        ['@request.body.editors.name ?= @request.query.q', [], { info: { ...info, body: { editors: [value] } } }],
        ['@request.body.author.name = @request.query.q', [], { info: { ...info, body: { author: value } } }],
      ]);
      if (value.includes('%') || value === '\u0000' || value.endsWith('\\')) continue;
      const expected = TITLES.filter(([, t]) => t.toLowerCase().includes(value.toLowerCase())).map(([id]) => id);
      assert.deepEqual(await matching(fx, 'title ~ @request.headers.h', { info }), expected, `~ ${value}`);
      const quoted = `'${value.replaceAll("'", "\\'")}'`;
      assert.deepEqual(await matching(fx, `title ~ ${quoted}`), expected, `~ literal ${value}`);
    }
  });

  it('rejects injection through identifiers and sort items', async () => {
    const filters = [
      'title; DROP TABLE posts = 1',
      'title) OR (1 = 1',
      'meta.a"b = 1',
      "@collection.posts:x'y.title = 1",
      'title = 1; DROP TABLE posts',
      'title = 1 -- x',
      'title = 1 /* x */',
      'ti"tle = 1',
      '"title" = 1 OR 1 = 1',
    ];
    for (const f of filters) {
      await assertInvalid(() => matching(fx, f, { mode: 'filter' }), f);
    }
    for (const s of ['title; DROP TABLE posts', '-title--', 'title DESC', 'title)', '"title"']) {
      await assertInvalid(() => conditions.sort(fx.app, fx.collections.posts as never, s, requestInfo(GUEST)), s);
    }
  });

  it('leaves every table intact', async () => {
    const tables = await fx.store.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    for (const name of ['posts', 'users', 'comments', 'teams', 'members', 'bundles', 'likes', 'locked']) {
      assert.ok(
        tables.some((t) => t.name === name),
        name,
      );
    }
    const count = await fx.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM "posts"');
    assert.equal(count?.n, 4);
  });
});
