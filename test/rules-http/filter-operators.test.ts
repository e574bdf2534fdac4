import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { dynamicRows, FILTER_ROWS, type FilterRow } from './filter-rows.js';
import { ALL_POSTS, buildFixture, type Fixture, list, P, POST_INSERT_ORDER, U } from './fixture.js';

const { p1, p2, p3, p4, p5, p6 } = P;

/** sort → expected order of all posts */
const SORT_ROWS: Array<[string, string[]]> = [
  ['id', ALL_POSTS],
  ['+id', ALL_POSTS],
  ['-id', [...ALL_POSTS].reverse()],
  ['-views', [p4, p6, p1, p5, p2, p3]],
  ['views', [p3, p2, p5, p1, p6, p4]],
  [' -views , id ', [p4, p6, p1, p5, p2, p3]],
  ['-published,views', [p3, p5, p1, p2, p6, p4]],
  ['title', [p2, p1, p5, p4, p6, p3]],
  ['title:lower', [p2, p4, p1, p5, p6, p3]],
  ['author.name,-id', [p4, p3, p1, p6, p2, p5]],
  ['coauthors:length,id', [p3, p6, p2, p5, p1, p4]],
  ['meta.list.0,id', [p3, p4, p5, p6, p1, p2]],
  ['-publishAt,id', [p5, p6, p2, p4, p1, p3]],
  ['@rowid', POST_INSERT_ORDER],
];

for (const dialect of DIALECTS) {
  describe(`filter operators over HTTP (${dialect})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await buildFixture(dialect);
    });
    after(() => fx?.env.t.close());

    async function check([filter, expected, as]: FilterRow) {
      const res = await list(fx.env, 'posts', { filter, sort: 'id' }, as ?? 'su');
      assert.equal(res.status, 200, `${filter}: ${JSON.stringify(res.json)}`);
      assert.deepEqual(res.ids, [...expected].sort(), filter);
      assert.equal(res.json.totalItems, expected.length, `${filter}: totalItems`);
    }

    for (const [group, rows] of Object.entries(FILTER_ROWS)) {
      describe(group, () => {
        for (const row of rows) it(`${row[0].replace(/\n/g, '\\n')} → ${row[1].length} rows`, () => check(row));
      });
    }

    it('resolves date macros, generated ids and dates computed now', async () => {
      for (const row of dynamicRows(fx)) await check(row);
    });

    it('treats an empty filter as no filter', async () => {
      const res = await list(fx.env, 'posts', { filter: '', sort: 'id' }, 'su');
      assert.equal(res.status, 200);
      assert.deepEqual(res.ids, ALL_POSTS);
    });

    it('filters back-relations of other collections the same way', async () => {
      const res = await list(fx.env, 'users', { filter: "posts_via_author.title ?~ 'world'", sort: 'id' }, 'su');
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.ids, [U.ana]);
      const any = await list(fx.env, 'users', { filter: 'posts_via_coauthors.views ?> 100', sort: 'id' }, 'su');
      assert.equal(any.status, 200, JSON.stringify(any.json));
      assert.deepEqual(any.ids, [U.ana, U.bo]);
      const every = await list(fx.env, 'users', { filter: 'posts_via_coauthors.views > 5', sort: 'id' }, 'su');
      assert.equal(every.status, 200, JSON.stringify(every.json));
      assert.deepEqual(every.ids, [U.bo]);
    });

    describe('sort', () => {
      for (const [sort, expected] of SORT_ROWS) {
        it(`sort=${sort}`, async () => {
          const res = await list(fx.env, 'posts', { sort }, 'su');
          assert.equal(res.status, 200, `${sort}: ${JSON.stringify(res.json)}`);
          assert.deepEqual(res.ids, expected, sort);
        });
      }

      it('sort=@random returns every record once', async () => {
        const res = await list(fx.env, 'posts', { sort: '@random' }, 'su');
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.deepEqual([...res.ids].sort(), ALL_POSTS);
      });

      it('combines sort with filter and paging', async () => {
        const res = await list(
          fx.env,
          'posts',
          { filter: 'views >= 0', sort: '-views', perPage: '2', page: '2' },
          'su',
        );
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.deepEqual(res.ids, [p1, p5]);
        assert.equal(res.json.totalItems, 5);
        assert.equal(res.json.totalPages, 3);
      });
    });
  });
}
