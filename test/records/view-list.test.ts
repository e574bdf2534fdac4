import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import { createCollection, makeEnv, type RecordsEnv } from './setup.js';

for (const dialect of DIALECTS) {
  describe(`view collection lists (${dialect})`, () => {
    let env: RecordsEnv;
    const V = '/api/collections/post_stats/records';
    const run = (s: Scenario) => runScenario(env.t.url, s, env.tokens);

    before(async () => {
      env = await makeEnv(dialect);
      await createCollection(env, {
        name: 'posts',
        listRule: '',
        createRule: '',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'views', type: 'number' },
        ],
      });
      for (const [title, views] of [
        ['a', 3],
        ['b', 1],
        ['c', 2],
      ] as const) {
        const res = await env.api('POST', '/api/collections/posts/records', { title, views });
        assert.equal(res.status, 200);
      }
      await createCollection(env, {
        name: 'post_stats',
        type: 'view',
        listRule: '',
        viewRule: '',
        viewQuery: 'SELECT id, title, views FROM posts',
      });
    });
    after(() => env?.t.close());

    it('lists without a sort, pages included', async () => {
      const all = await run({ name: 'list', method: 'GET', url: V, status: 200, expect: { totalItems: 3 } });
      const titles = all.items.map((r: { title: string }) => r.title).sort();
      assert.deepEqual(titles, ['a', 'b', 'c']);
      const first = await run({ name: 'page 1', method: 'GET', url: `${V}?perPage=2`, status: 200 });
      const second = await run({ name: 'page 2', method: 'GET', url: `${V}?perPage=2&page=2`, status: 200 });
      const paged = [...first.items, ...second.items].map((r: { id: string }) => r.id);
      assert.equal(new Set(paged).size, 3, 'pages neither repeat nor skip a row');
    });

    it('lists with a sort and a filter', async () => {
      await run({
        name: 'sorted',
        method: 'GET',
        url: `${V}?sort=-views&filter=(views>1)`,
        status: 200,
        expect: { totalItems: 2, items: [{ title: 'a' }, { title: 'c' }] },
      });
    });

    it('refuses @rowid, which a view does not have, with a 400', async () => {
      await run({ name: '@rowid', method: 'GET', url: `${V}?sort=@rowid`, status: 400, expect: { status: 400 } });
    });
  });
}
