import { after, before, describe, it } from 'node:test';
import { type Fixture, openFixture } from './fixture.js';
import { type Row, runRows } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const ALL = ['p1', 'p2', 'p3', 'p4'];

describe('comparison operators (spec §5.2)', () => {
  it('orders numbers numerically and text lexicographically', async () => {
    const rows: Row[] = [
      ['views = 10', ['p1']],
      ['views != 10', ['p2', 'p3', 'p4']],
      ['views > 0', ['p1', 'p3']],
      ['views >= 5', ['p1', 'p3']],
      ['views < 0', ['p4']],
      ['views <= 0', ['p2', 'p4']],
      ['views = -3.5', ['p4']],
      ["views > '4'", ['p1', 'p3']],
      ["created > '2025'", ['p2', 'p3']],
      ["created < '2025-06-01 00:00:00.001Z' && created != ''", ['p1', 'p2']],
      ['views ?> 4', ['p1', 'p3']],
      ["title ?= 'Hello World'", ['p1']],
    ];
    await runRows(fx, rows);
  });

  it('compares literals on both sides', async () => {
    await runRows(fx, [
      ['1 = 1', ALL],
      ['1 = 2', []],
      ["'x' = title", []],
      ["'' = null", ALL],
      ['null != null', []],
      ['true = true && false = false', ALL],
      ['true = 1', ALL],
      ["'abc' ~ 'b'", ALL],
    ]);
  });

  it('reads booleans as 1/0', async () => {
    await runRows(fx, [
      ['published = true', ['p1', 'p3']],
      ['published = false', ['p2', 'p4']],
      ['published != true', ['p2', 'p4']],
    ]);
  });
});

describe('null and empty (spec §5.3)', () => {
  it('treats empty text and null alike', async () => {
    await runRows(fx, [
      ["title = ''", ['p3']],
      ['title = ""', ['p3']],
      ['title = null', ['p3']],
      ["title != ''", ['p1', 'p2', 'p4']],
      ['title != null', ['p1', 'p2', 'p4']],
      ['category = null', ['p2', 'p4']],
      ["author = ''", ['p3']],
      ['author != null', ['p1', 'p2', 'p4']],
      ['null = title', ['p3']],
    ]);
  });

  it('does not count 0 and false as empty', async () => {
    await runRows(fx, [
      ['views = null', []],
      ['published = null', []],
      ["views != ''", ALL],
    ]);
  });

  it('compares two columns through COALESCE', async () => {
    await runRows(fx, [
      ['body = title', ['p3']],
      ['body != title', ['p1', 'p2', 'p4']],
    ]);
  });
});

describe('LIKE (spec §5.4)', () => {
  it('wraps a literal without % as a substring match, escaping % _ and \\', async () => {
    await runRows(fx, [
      ["title ~ 'hello'", ['p1', 'p2']],
      ["title ~ 'HELLO'", ['p1', 'p2']],
      ["title !~ 'hello'", ['p3', 'p4']],
      ["body ~ '_'", ['p1', 'p4']],
      ["body ~ 'a_b'", ['p4']],
      ["body ~ 'e_t'", ['p1']],
      ["body ~ '100\\%'", ['p1']],
      ["body ~ 'k\\s'", ['p2']],
      ["body ~ 'k\\\\s'", ['p2']],
      ["title ~ ''", ALL],
      ['views ~ 10', ['p1']],
      ['title ~ null', []],
    ]);
  });

  it('uses a literal with an unescaped % verbatim', async () => {
    await runRows(fx, [
      ["title ~ 'hello%'", ['p1', 'p2']],
      ["title ~ '%world'", ['p1']],
      ["body ~ '100%'", ['p1']],
      ["title ~ 'h_llo%'", ['p1', 'p2']],
      ["title !~ '%there'", ['p1', 'p3', 'p4']],
    ]);
  });

  it("wraps a column right operand as '%' || b || '%'", async () => {
    await runRows(fx, [
      ['body ~ title', ['p3']],
      ['title ~ body', ['p3']],
      ['title !~ body', ['p1', 'p2', 'p4']],
    ]);
  });

  it('matches multi-valued fields against their JSON text', async () => {
    await runRows(fx, [
      ["tags ~ 'a'", ['p1']],
      ["editors ~ 'u2'", ['p1', 'p2']],
      ['tags = \'["b"]\'', ['p2']],
    ]);
  });
});

describe('JSON and geoPoint paths', () => {
  it('reads nested keys and array indexes, NULL when missing', async () => {
    await runRows(fx, [
      ['meta.a.b = 1', ['p1']],
      ['meta.a.b > 0', ['p1', 'p3']],
      ['meta.a.b = null', ['p2', 'p4']],
      ['meta.items.0.price = 5', ['p1']],
      ['meta.items.1.price = null', ALL],
      ["meta.s = 'x'", ['p1']],
      ['meta.1 = 2', ['p4']],
      ['meta = null', ['p2']],
      ['meta != null', ['p1', 'p3', 'p4']],
      ["meta.s:lower = 'X'", []],
      ['location.lat > 40', ['p1', 'p3']],
      ['location.lon = 0', ['p2', 'p4']],
      ['meta.nope.deeper = null', ALL],
    ]);
  });

  it('rejects path segments that are not keys', async () => {
    await runRows(fx, [['meta.a:b.c = 1', 'invalid']]);
  });
});

describe('plain fields and modifiers', () => {
  it('resolves ids, lower and ignores isset on record fields', async () => {
    await runRows(fx, [
      ["id = 'p2'", ['p2']],
      ["ID = 'p2'", ['p2']],
      ["title:lower = 'hello world'", ['p1']],
      ["title:lower ~ 'HELLO'", ['p1', 'p2']],
      ["title:isset = 'Hello World'", ['p1']],
      ["category:each = 'news'", ['p1']],
      ['views:length = 10', ['p1']],
      ['category:length = 1', ['p1', 'p3']],
    ]);
  });

  it('rejects unknown fields and modifiers', async () => {
    await runRows(fx, [
      ['nope = 1', 'invalid'],
      ['collectionId = 1', 'invalid'],
      ['expand = 1', 'invalid'],
      ["title:upper = 'x'", 'invalid'],
      ['title:changed = true', 'invalid'],
      ['title.sub = 1', 'invalid'],
      ['#title = 1', 'invalid'],
      ['@random = 1', 'invalid'],
      ['@foo = 1', 'invalid'],
      ['@now:lower = 1', 'invalid'],
      ['@collection = 1', 'invalid'],
    ]);
  });
});
