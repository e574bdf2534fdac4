import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { makeSearchEnv, type SearchEnv } from './setup.js';

interface Case {
  name: string;
  params: Record<string, string>;
  as?: string;
  /** the matching posts: in this order when `ordered`, else in any order */
  expect: string[];
  ordered?: boolean;
  /** the post that must come first / last (relevance) */
  first?: string;
  last?: string;
  /** totalItems when not the number of expected posts (paging) */
  total?: number;
}

const CASES: Case[] = [
  { name: 'every word must match', params: { search: 'senior engineer' }, expect: ['ts', 'manager'] },
  { name: 'words in any case and order', params: { search: 'ENGINEER Senior' }, expect: ['ts', 'manager'] },
  { name: 'the last word is a prefix', params: { search: 'typescr' }, expect: ['ts'] },
  { name: 'a prefix reaches longer words', params: { search: 'engin' }, expect: ['ts', 'junior', 'manager'] },
  { name: 'earlier words match whole words only', params: { search: 'engin senior' }, expect: [] },
  { name: 'accents are ignored in the text', params: { search: 'cafe munchen' }, expect: ['junior'] },
  { name: 'accents are ignored in the words', params: { search: 'CAFÉ Münch' }, expect: ['junior'] },
  { name: 'words inside editor markup', params: { search: 'berlin search' }, expect: ['ts'] },
  { name: 'a field outside searchFields is not searched', params: { search: 'jobs' }, expect: [] },
  {
    name: 'most relevant first by default',
    params: { search: 'engineer' },
    expect: ['ts', 'junior', 'manager'],
    first: 'manager',
  },
  {
    name: '-@rank sorts most relevant first',
    params: { search: 'engineer', sort: '-@rank,created' },
    expect: ['ts', 'junior', 'manager'],
    first: 'manager',
  },
  {
    name: '@rank sorts least relevant first',
    params: { search: 'engineer', sort: '@rank' },
    expect: ['ts', 'junior', 'manager'],
    last: 'manager',
  },
  {
    name: 'an explicit sort replaces relevance',
    params: { search: 'engineer', sort: 'title' },
    expect: ['manager', 'junior', 'ts'],
    ordered: true,
  },
  { name: 'guests: the list rule hides drafts', params: { search: 'berlin' }, expect: ['ts'] },
  { name: 'owners see their drafts', params: { search: 'berlin' }, as: 'ana', expect: ['ts', 'designer'] },
  {
    name: 'rule, filter and search together',
    params: { search: 'berlin', filter: 'title ~ "designer"' },
    as: 'ana',
    expect: ['designer'],
  },
  { name: 'superusers see everything', params: { search: 'senior' }, as: 'su', expect: ['ts', 'designer', 'manager'] },
  { name: 'an empty search is the plain list', params: { search: '  ' }, expect: ['ts', 'junior', 'manager', 'chef'] },
  {
    name: 'punctuation only is the plain list',
    params: { search: '!!! ... ???' },
    expect: ['ts', 'junior', 'manager', 'chef'],
  },
  {
    name: '@rank is ignored when the search keeps no words',
    params: { search: '--', sort: '-@rank' },
    expect: ['ts', 'junior', 'manager', 'chef'],
  },
  { name: 'FTS operators are plain words: NEAR', params: { search: 'NEAR(senior engineer)' }, expect: [] },
  { name: 'FTS operators are plain words: AND', params: { search: 'senior AND engineer' }, expect: [] },
  { name: 'FTS operators are plain words: OR', params: { search: 'chef OR designer' }, expect: [] },
  { name: 'a star alone', params: { search: '*' }, expect: ['ts', 'junior', 'manager', 'chef'] },
  { name: 'a star after a word', params: { search: 'senior*' }, expect: ['ts', 'manager'] },
  { name: 'quotes', params: { search: '"senior engineer' }, expect: ['ts', 'manager'] },
  { name: 'brackets', params: { search: '(senior) (engineer' }, expect: ['ts', 'manager'] },
  { name: 'a minus is no negation', params: { search: 'senior -engineer' }, expect: ['ts', 'manager'] },
  { name: 'column filters are plain words', params: { search: 'title:chef' }, expect: [] },
  { name: 'NUL separates words', params: { search: 'senior\u0000engineer' }, expect: ['ts', 'manager'] },
  { name: 'stop words are ordinary words', params: { search: 'for the' }, expect: ['chef'] },
  { name: 'SQL in the words', params: { search: "'; DROP TABLE posts; --" }, expect: [] },
  {
    name: 'a thousand repeated words',
    params: { search: `chef ${'canteen '.repeat(1000)}` },
    expect: ['chef'],
  },
  {
    name: 'only the first 32 words count',
    params: { search: `chef ${Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ')}` },
    expect: [],
  },
  { name: 'a very long word', params: { search: 'x'.repeat(5000) }, expect: [] },
];

for (const dialect of DIALECTS) {
  describe(`full-text search over HTTP (${dialect})`, () => {
    let env: SearchEnv;
    before(async () => {
      env = await makeSearchEnv(dialect);
    });
    after(async () => {
      await env.t.close();
    });

    for (const c of CASES) {
      it(c.name, async () => {
        const res = await env.list(c.params, c.as);
        assert.equal(res.status, 200, JSON.stringify(res.json));
        const got = env.names(res.json);
        if (c.ordered) assert.deepEqual(got, c.expect);
        else assert.deepEqual([...got].sort(), [...c.expect].sort());
        assert.equal(res.json.totalItems, c.total ?? c.expect.length);
        if (c.first) assert.equal(got[0], c.first);
        if (c.last) assert.equal(got[got.length - 1], c.last);
      });
    }

    it('collections API returns searchFields', async () => {
      const res = await env.api('GET', '/api/collections/posts', undefined, 'su');
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.searchFields, ['title', 'body']);
      const users = await env.api('GET', '/api/collections/users', undefined, 'su');
      assert.deepEqual(users.json.searchFields, []);
    });

    it('exact totals over pages, each match on exactly one page', async () => {
      const seen: string[] = [];
      for (const page of ['1', '2', '3', '4']) {
        const res = await env.list({ search: 'engineer', perPage: '1', page });
        assert.equal(res.status, 200);
        assert.equal(res.json.totalItems, 3);
        assert.equal(res.json.totalPages, 3);
        seen.push(...env.names(res.json));
      }
      assert.deepEqual(seen.sort(), ['junior', 'manager', 'ts']);
    });

    it('the OpenAPI document has the search parameter and searchFields', async () => {
      const res = await env.api('GET', '/api/openapi.json', undefined, 'su');
      assert.equal(res.status, 200);
      const list = res.json.paths['/api/collections/posts/records'].get;
      const search = list.parameters.find((p: any) => p.name === 'search');
      assert.ok(search, 'search parameter');
      assert.match(search.description, /`title`, `body`/);
      const users = res.json.paths['/api/collections/users/records'].get;
      assert.equal(
        users.parameters.find((p: any) => p.name === 'search'),
        undefined,
      );
    });

    it('equal ranks come in insertion order, page after page, by default and with -@rank', async () => {
      // a word no other record has, in records whose indexed text is the same: every rank is equal
      const created: string[] = [];
      for (let i = 0; i < 25; i++) {
        const res = await env.api(
          'POST',
          '/api/collections/posts/records',
          { title: 'twinword opening', body: '<p>same text</p>', status: 'published' },
          'su',
        );
        assert.equal(res.status, 200, JSON.stringify(res.json));
        created.push(res.json.id);
      }
      try {
        for (const extra of [{}, { sort: '-@rank' }] as Array<Record<string, string>>) {
          const seen: string[] = [];
          for (const page of ['1', '2', '3', '4']) {
            const res = await env.list({ search: 'twinword', perPage: '7', page, ...extra });
            assert.equal(res.status, 200);
            assert.equal(res.json.totalItems, 25);
            seen.push(...env.idsOf(res.json));
          }
          assert.deepEqual(seen, created, JSON.stringify(extra));
        }
      } finally {
        for (const id of created) await env.api('DELETE', `/api/collections/posts/records/${id}`, undefined, 'su');
      }
    });

    it('skipTotal still works with a search', async () => {
      const res = await env.list({ search: 'engineer', skipTotal: 'true' });
      assert.equal(res.status, 200);
      assert.equal(res.json.totalItems, -1);
      assert.equal(res.json.items.length, 3);
    });

    it('highlights matches in text (escaped) and editor fields (markup kept)', async () => {
      const res = await env.list({ search: 'senior berl', fields: 'id,title:highlight,body:highlight' });
      assert.equal(res.status, 200);
      const ts = res.json.items.find((i: any) => i.id === env.ids.ts);
      assert.equal(ts.title, '<mark>Senior</mark> TypeScript engineer');
      assert.equal(ts.body, '<p>Build <strong>search</strong> in <mark>Berlin</mark></p>');
      assert.deepEqual(Object.keys(ts).sort(), ['body', 'id', 'title']);
      const chef = await env.list({ search: 'fish', fields: 'title,body:highlight,contact:highlight' });
      assert.equal(chef.json.items[0].body, '<mark>Fish</mark> & <chips> for the canteen');
    });

    it('highlight escapes plain text around the marks and folds accents', async () => {
      const created = await env.api(
        'POST',
        '/api/collections/posts/records',
        { title: 'Fish & <chips> café', status: 'published' },
        'su',
      );
      const res = await env.list({ search: 'fish cafe', fields: 'id,title:highlight' });
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.items, [
        { id: created.json.id, title: '<mark>Fish</mark> &amp; &lt;chips&gt; <mark>café</mark>' },
      ]);
      const plain = await env.list({ fields: 'title:highlight', filter: `id = "${created.json.id}"` });
      assert.equal(plain.json.items[0].title, 'Fish &amp; &lt;chips&gt; café');
      await env.api('DELETE', `/api/collections/posts/records/${created.json.id}`, undefined, 'su');
    });

    it('a bad fields modifier is still a 400', async () => {
      const res = await env.list({ search: 'chef', fields: 'title:highlight(3)' });
      assert.equal(res.status, 400);
    });

    it('10,000 words in the URL give a 4xx or a safe result, never a 500', async () => {
      const res = await fetch(`${env.t.url}/api/collections/posts/records?search=${'c+'.repeat(10_000)}`);
      assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), String(res.status));
      await res.arrayBuffer();
    });

    it('@rank without a search is a 400', async () => {
      const res = await env.list({ sort: '-@rank' });
      assert.equal(res.status, 400);
      assert.equal(res.json.message, 'Sorting by @rank needs a search.');
    });

    it('search on a collection without searchFields is a 400', async () => {
      const res = await env.api('GET', '/api/collections/users/records?search=ana', undefined, 'su');
      assert.equal(res.status, 400);
      assert.equal(res.json.message, 'Full-text search is not enabled for this collection.');
    });
  });
}
