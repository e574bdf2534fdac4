import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { ALL_POSTS, buildFixture, type Fixture, GENERIC_400, list, P, rid, U } from './fixture.js';

const forbidden = (what: '@collection' | '@request') => ({
  data: {},
  message: `Only superusers can filter by ${what}.`,
  status: 403,
});
const SUPERUSERS_ONLY = { data: {}, message: 'Only superusers can perform this action.', status: 403 };

const chain = (n: number, item: (i: number) => string, join = ' && ') =>
  Array.from({ length: n }, (_, i) => item(i)).join(join);
const nest = (depth: number) => `${"strftime('%Y-%m-%d', ".repeat(depth)}publishAt${')'.repeat(depth)} = '2024-01-15'`;
const hops = (n: number) => `${'comments_via_post.post.'.repeat(n / 2)}title ?= 'Hello World'`;

/** Filters that must be rejected with 400 and `data: {}` for everyone, superusers included. */
const INVALID_FILTERS: Array<[string, string]> = [
  ['missing right operand', 'title ='],
  ['missing left operand', "= 'x'"],
  ['missing operator', "title 'x'"],
  ['unbalanced (', "(title = 'x'"],
  ['unbalanced )', "title = 'x')"],
  ['empty group', '()'],
  ['unterminated text', "title = 'x"],
  ['escaped closing quote', "title = 'x\\'"],
  ['== operator', "title == 'x'"],
  ['<> operator', "title <> 'x'"],
  ['dangling &&', "title = 'x' &&"],
  ['leading ||', "|| title = 'x'"],
  ['AND keyword', "title = 'x' AND views = 1"],
  ['unary !', "!(title = 'x')"],
  ['IN list', "title IN ('x')"],
  ['carriage return', "title = 'x'\r\n"],
  ['only whitespace', '   '],
  ['only a comment', '// nothing here'],
  ['exponent number', 'views = 1e3'],
  ['leading dot number', 'views = .5'],
  ['trailing dot number', 'views = 5.'],
  ['lone @', '@ = 1'],
  ['identifier ending in .', "title. = 'x'"],
  ['identifier ending in :', "title: = 'x'"],
  ['unknown field', 'nope = 1'],
  ['unknown relation subfield', 'author.nope = 1'],
  ['path through a non-relation', "title.x = 'a'"],
  ['collectionId is not filterable', "collectionId = 'x'"],
  ['expand is not filterable', "expand = 'x'"],
  ['unknown back-relation field', "comments_via_nope.text = 'x'"],
  ['unknown back-relation collection', 'nope_via_post.x = 1'],
  ['back-relation field not pointing here', "comments_via_author.text = 'x'"],
  ['unknown @collection', '@collection.nope.x ?= 1'],
  ['@collection without a field', '@collection.members = 1'],
  ['pre-0.23 @request.data', "@request.data.x = 'a'"],
  ['unknown @request root', "@request.foo = 'a'"],
  ['unknown modifier', "title:upper = 'x'"],
  [':changed on a record field', 'title:changed = true'],
  [':changed on @request.query', '@request.query.x:changed = true'],
  ['unknown function', 'nope(views) = 1'],
  ['geoDistance with 3 args', 'geoDistance(1, 2, 3) > 1'],
  ['strftime with a field format', 'strftime(title, publishAt) = 1'],
  ['strftime with 11 args', `strftime('%Y', publishAt${", 'utc'".repeat(9)}) = ''`],
  ['function nesting 4 levels', nest(4)],
  ['7 relation hops', `${'comments_via_post.post.'.repeat(3)}comments_via_post.text ?= 'x'`],
  ['filter over 3500 chars', `title != '${'x'.repeat(3490)}'`],
  ['201 comparisons', chain(201, (i) => `views != ${i}`)],
];

const VALID_LIMITS: Array<[string, string, string[]]> = [
  ['exactly 3500 chars', `title != '${'x'.repeat(3489)}'`, ALL_POSTS],
  ['200 comparisons', chain(200, (i) => `views != ${i}`), [P.p3, P.p4]],
  ['6 relation hops', hops(6), [P.p1]],
  ['function nesting 3 levels', nest(3), [P.p1]],
];

const INVALID_SORTS: Array<[string, string]> = [
  ['unknown field', 'nope'],
  ['unknown relation subfield', 'author.nope'],
  ['number literal', '1'],
  ['text literal', "'title'"],
  ['macro', '@now'],
  ['unknown modifier', 'title:upper'],
  ['9 sort fields', chain(9, () => 'id', ',')],
  ['field path over 255 chars', `meta.${'x'.repeat(251)}`],
  ['collectionId', 'collectionId'],
];

for (const dialect of DIALECTS) {
  describe(`filter and sort errors over HTTP (${dialect})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await buildFixture(dialect);
    });
    after(() => fx?.env.t.close());

    const posts = (params: Record<string, string>, as?: string) => list(fx.env, 'posts', params, as);

    describe('invalid filters → 400 with data {}', () => {
      for (const [name, filter] of INVALID_FILTERS) {
        it(name, async () => {
          assert.ok(name !== 'filter over 3500 chars' || filter.length > 3500);
          const who = /@(collection|request)\./.test(filter) ? ['su'] : ['su', 'ana'];
          for (const as of who) {
            const res = await posts({ filter }, as);
            assert.equal(res.status, 400, `${as}: ${JSON.stringify(res.json)}`);
            assert.deepEqual(res.json, GENERIC_400);
          }
        });
      }
    });

    describe('limits are inclusive', () => {
      for (const [name, filter, expected] of VALID_LIMITS) {
        it(name, async () => {
          assert.ok(name !== 'exactly 3500 chars' || filter.length === 3500);
          const res = await posts({ filter, sort: 'id' }, 'su');
          assert.equal(res.status, 200, JSON.stringify(res.json));
          assert.deepEqual(res.ids, expected);
        });
      }
    });

    describe('invalid sorts → 400 with data {}', () => {
      for (const [name, sort] of INVALID_SORTS) {
        it(name, async () => {
          const res = await posts({ sort }, 'su');
          assert.equal(res.status, 400, JSON.stringify(res.json));
          assert.deepEqual(res.json, GENERIC_400);
        });
      }
      it('8 sort fields and a 255-char field path are fine', async () => {
        for (const sort of [chain(8, (i) => (i % 2 ? '-id' : 'title'), ','), `meta.${'x'.repeat(250)},id`]) {
          const res = await posts({ sort }, 'su');
          assert.equal(res.status, 200, JSON.stringify(res.json));
          assert.equal(res.json.totalItems, 6);
        }
      });
    });

    describe('@collection. and @request. in client filter/sort → 403 for non-superusers', () => {
      const cases: Array<[string, Record<string, string>, '@collection' | '@request']> = [
        ['@collection join', { filter: "@collection.members.user ?= 'x'" }, '@collection'],
        ['@request.auth', { filter: '@request.auth.id != ""' }, '@request'],
        ['inside single quotes', { filter: "title = '@collection.members'" }, '@collection'],
        ['inside double quotes', { filter: 'title = "@request.auth.id"' }, '@request'],
        ['inside a comment', { filter: "title = 'x' // @request.method" }, '@request'],
        ['in sort', { sort: '@request.query.x' }, '@request'],
        ['in sort, @collection', { sort: '@collection.members.user' }, '@collection'],
        ['even when the filter is also malformed', { filter: "title = = '@request.'" }, '@request'],
      ];
      for (const [name, params, what] of cases) {
        it(name, async () => {
          for (const as of ['ana', undefined]) {
            const res = await posts(params, as);
            assert.equal(res.status, 403, `${as ?? 'guest'}: ${JSON.stringify(res.json)}`);
            assert.deepEqual(res.json, forbidden(what));
          }
        });
      }
      it('superusers may use them (literal text stays literal)', async () => {
        const quoted = await posts({ filter: "title = '@collection.members' || title = '@request.x'" }, 'su');
        assert.equal(quoted.status, 200, JSON.stringify(quoted.json));
        assert.deepEqual(quoted.ids, []);
        const join = await posts({ filter: "@collection.members.role ?= 'editor'", sort: 'id' }, 'su');
        assert.equal(join.status, 200, JSON.stringify(join.json));
        assert.deepEqual(join.ids, ALL_POSTS);
      });
      it('a null listRule answers 403 before the filter is looked at', async () => {
        const res = await list(fx.env, 'vaults', { filter: '@request.auth.id = 1' }, 'ana');
        assert.equal(res.status, 403);
        assert.deepEqual(res.json, SUPERUSERS_ONLY);
      });
    });

    describe('hidden fields (§5.8)', () => {
      const cases: Array<[string, Record<string, string>, string[]]> = [
        ['hidden field', { filter: "secret = 's1'" }, [P.p1]],
        ['hidden relation as a hop', { filter: "reviewer.name = 'Ana'" }, [P.p2]],
        ['hidden relation compared directly', { filter: `reviewer = '${U.bo}'` }, [P.p1]],
        ['hidden field of a back-relation', { filter: "comments_via_post.internal ?= 'x'" }, [P.p1]],
        ['hidden back-relation field', { filter: "comments_via_replyTo.text ?= 'great post'" }, [P.p2]],
        ['hidden field in sort', { sort: 'secret,id' }, [P.p3, P.p4, P.p5, P.p6, P.p1, P.p2]],
      ];
      for (const [name, params, expected] of cases) {
        it(`${name}: 400 for users and guests, fine for superusers`, async () => {
          for (const as of ['ana', undefined]) {
            const res = await posts(params, as);
            assert.equal(res.status, 400, `${as ?? 'guest'}: ${JSON.stringify(res.json)}`);
            assert.deepEqual(res.json, GENERIC_400);
          }
          const su = await posts({ sort: 'id', ...params }, 'su');
          assert.equal(su.status, 200, JSON.stringify(su.json));
          assert.deepEqual(su.ids, expected);
        });
      }
      it('a hidden field name inside a text literal is just text', async () => {
        const res = await posts({ filter: "title != 'secret'" }, 'ana');
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(res.json.totalItems, 6);
      });
    });

    describe('related collections and their listRule (§5.8)', () => {
      it('joining into them is a 400 for non-superusers', async () => {
        for (const params of [{ filter: "vault.code = 'v1'" }, { sort: 'vault.code' }] as Record<string, string>[]) {
          const res = await posts(params, 'ana');
          assert.equal(res.status, 400, JSON.stringify(res.json));
          assert.deepEqual(res.json, GENERIC_400);
        }
        const su = await posts({ filter: "vault.code = 'v1'" }, 'su');
        assert.equal(su.status, 200, JSON.stringify(su.json));
        assert.deepEqual(su.ids, [P.p1]);
      });
      it('the relation column itself stays filterable', async () => {
        const res = await posts({ filter: "vault = ''", sort: 'id' }, 'ana');
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.deepEqual(res.ids, [P.p2, P.p3, P.p4, P.p5, P.p6]);
      });
      it("a joined collection's listRule is ANDed to the whole query, for filter and sort", async () => {
        const visible = [P.p1, P.p3, P.p4, P.p6];
        assert.deepEqual((await posts({ filter: "team.name != 'zzz'", sort: 'id' }, 'ana')).ids, visible);
        assert.deepEqual((await posts({ filter: "team.name != 'zzz'", sort: 'id' }, 'su')).ids.length, 6);
        assert.deepEqual((await posts({ sort: 'team.name,id' }, 'ana')).ids, [P.p3, P.p1, P.p4, P.p6]);
        const members = await list(fx.env, 'members', { filter: "team.name != 'zzz'", sort: 'id' }, 'ana');
        assert.deepEqual(members.ids, [rid('member', 1), rid('member', 2)]);
      });
    });

    describe('auth email visibility (§5.8)', () => {
      const users = (filter: string, as: string) => list(fx.env, 'users', { filter, sort: 'id' }, as);
      it("others' hidden emails are not searchable", async () => {
        assert.deepEqual((await users("email = 'bo@example.com'", 'ana')).ids, []);
        assert.deepEqual((await users("email = 'bo@example.com'", 'su')).ids, [U.bo]);
        assert.deepEqual((await users("email ~ '@example.com'", 'cy')).ids, [U.ana, U.cy]);
        assert.deepEqual((await users("email = 'ana@example.com'", 'bo')).ids, [U.ana]);
        assert.deepEqual((await users("email != 'nobody@example.com'", 'ana')).ids, [U.ana, U.cy]);
      });
      it('password and tokenKey are not filterable or sortable by non-superusers', async () => {
        const cases: Record<string, string>[] = [
          { filter: "password != ''" },
          { filter: "tokenKey != ''" },
          { sort: 'tokenKey' },
        ];
        for (const params of cases) {
          const res = await list(fx.env, 'users', params, 'ana');
          assert.deepEqual([res.status, res.json], [400, GENERIC_400], JSON.stringify(params));
          assert.equal((await list(fx.env, 'users', params, 'su')).json.totalItems, 3);
        }
      });
      it('the restriction does not leak into other conditions', async () => {
        const res = await users("email = 'bo@example.com' || name = 'Bo'", 'ana');
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.deepEqual(res.ids, [U.bo]);
      });
    });
  });
}
