import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { App } from '../../src/core/app.js';
import { DIALECTS } from '../harness/index.js';
import { createCollection } from '../records/setup.js';
import { buildFixture, C, type Fixture, list, P, PIN, rid, T, U, USERS } from './fixture.js';

const L = Array.from({ length: 8 }, (_, i) => rid('link', i + 1));
const hops = (n: number) => Array(n).fill('next').join('.');

/** Counts the statements the app runs through `store.all` / `store.get` while `fn` runs. */
async function countQueries(app: App, fn: () => Promise<unknown>): Promise<number> {
  const store = app.store as unknown as Record<'all' | 'get', (...args: unknown[]) => Promise<unknown>>;
  const original = { all: store.all, get: store.get };
  let n = 0;
  for (const key of ['all', 'get'] as const) {
    store[key] = (...args: unknown[]) => {
      n++;
      return original[key].apply(app.store, args);
    };
  }
  try {
    await fn();
  } finally {
    store.all = original.all;
    store.get = original.get;
  }
  return n;
}

for (const dialect of DIALECTS) {
  describe(`expand over HTTP (${dialect})`, () => {
    let fx: Fixture;

    async function get(path: string, as?: string, method = 'GET', body?: unknown) {
      const headers: Record<string, string> = {};
      if (as) headers.authorization = fx.env.tokens[as] ?? '';
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(fx.env.t.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json: any = await res.json();
      assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
      return json;
    }
    const post = (id: string, expand: string, as?: string) =>
      get(`/api/collections/posts/records/${id}?expand=${encodeURIComponent(expand)}`, as);
    const idsOf = (v: any) => (Array.isArray(v) ? v.map((r: { id: string }) => r.id) : v?.id);

    before(async () => {
      fx = await buildFixture(dialect);
      const links = await createCollection(fx.env, {
        name: 'links',
        listRule: '',
        viewRule: '',
        fields: [{ name: 'title', type: 'text' }],
      });
      const fields = [
        { name: 'title', type: 'text' },
        { name: 'next', type: 'relation', collectionId: links.id, maxSelect: 1 },
      ];
      const patched = await fx.env.api('PATCH', `/api/collections/${links.id}`, { fields }, 'su');
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      for (let i = L.length - 1; i >= 0; i--) {
        const body = { id: L[i], title: `L${i + 1}`, next: L[i + 1] ?? '' };
        const res = await fx.env.api('POST', '/api/collections/links/records', body, 'su');
        assert.equal(res.status, 200, JSON.stringify(res.json));
      }
    });
    after(() => fx?.env.t.close());

    it('has no expand key without the param, with an empty one, or when no path resolves', async () => {
      assert.ok(!('expand' in (await get(`/api/collections/posts/records/${P.p1}`))));
      assert.ok((await list(fx.env, 'posts', {})).json.items.every((item: object) => !('expand' in item)));
      for (const expand of ['', 'nope', 'title', 'nope.author', 'comments_via_nope']) {
        assert.ok(!('expand' in (await post(P.p1, expand))), expand);
      }
    });

    it('expands a single relation to a full record, with email visibility applied', async () => {
      const { author } = (await post(P.p1, 'author')).expand;
      assert.equal(author.id, U.ana);
      assert.equal(author.collectionName, 'users');
      assert.equal(author.collectionId, USERS);
      assert.equal(author.name, 'Ana');
      assert.equal(author.email, 'ana@example.com');
      assert.ok(!('password' in author) && !('tokenKey' in author));
      const bo = (await post(P.p2, 'author')).expand.author;
      assert.equal(bo.id, U.bo);
      assert.ok(!('email' in bo), 'bo hides his email');
      assert.equal((await post(P.p2, 'author', 'su')).expand.author.email, 'bo@example.com');
      assert.equal((await post(P.p2, 'author', 'bo')).expand.author.email, 'bo@example.com', 'bo sees his own');
    });

    it('expands a multiple relation to an array in stored order', async () => {
      assert.deepEqual(idsOf((await post(P.p1, 'coauthors')).expand.coauthors), [U.bo, U.cy]);
      assert.deepEqual(idsOf((await post(P.p4, 'coauthors')).expand.coauthors), [U.bo, U.ana]);
      assert.deepEqual(idsOf((await post(P.p2, 'coauthors')).expand.coauthors), [U.ana]);
    });

    it('gives {} when nothing related was found', async () => {
      assert.deepEqual((await post(P.p4, 'author')).expand, {});
      assert.deepEqual((await post(P.p3, 'coauthors,team')).expand, {});
      assert.deepEqual((await post(P.p2, 'pins_via_post')).expand, {});
      const both = (await post(P.p6, 'team,author')).expand;
      assert.deepEqual([both.team.id, both.author.id], [T.red, U.bo]);
    });

    it('expands back-relations: an array, or one object with a unique index', async () => {
      const comments = (await post(P.p1, 'comments_via_post')).expand.comments_via_post;
      assert.ok(Array.isArray(comments));
      assert.deepEqual(idsOf(comments).sort(), [C.c1, C.c2]);
      assert.equal(comments[0].collectionName, 'comments');
      assert.deepEqual(idsOf((await post(P.p4, 'comments_via_post')).expand.comments_via_post), [C.c4]);
      const pin = (await post(P.p1, 'pins_via_post')).expand.pins_via_post;
      assert.ok(!Array.isArray(pin));
      assert.equal(pin.id, PIN.top);
      assert.equal(pin.label, 'top');
    });

    it('expands nested paths, merges prefixes and ignores unknown names', async () => {
      const c1 = await get(`/api/collections/comments/records/${C.c1}?expand=post.author`);
      assert.equal(c1.expand.post.id, P.p1);
      assert.equal(c1.expand.post.expand.author.id, U.ana);
      const merged = (await post(P.p1, 'comments_via_post, comments_via_post.author.')).expand.comments_via_post;
      const authors = Object.fromEntries(merged.map((c: any) => [c.id, c.expand.author.id]));
      assert.deepEqual(authors, { [C.c1]: U.bo, [C.c2]: U.cy });
      const partial = (await post(P.p1, 'nope,author.nope')).expand;
      assert.deepEqual(Object.keys(partial), ['author']);
      assert.ok(!('expand' in partial.author));
    });

    it('follows 6 levels and ignores the 7th', async () => {
      let node = await get(`/api/collections/links/records/${L[0]}?expand=${hops(7)}`);
      for (let depth = 1; depth <= 6; depth++) {
        node = node.expand?.next;
        assert.equal(node?.id, L[depth], `level ${depth}`);
      }
      assert.ok(!('expand' in node), 'the 7th level is not expanded');
      const two = await get(`/api/collections/links/records/${L[0]}?expand=${hops(2)}`);
      assert.equal(two.expand.next.expand.next.id, L[2]);
      assert.ok(!('expand' in two.expand.next.expand.next));
    });

    it('combines with fields: *,expand.author.name and id,expand.author.name', async () => {
      const res = await list(fx.env, 'posts', { sort: 'id', expand: 'author', fields: '*,expand.author.name' });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const [p1, p2] = res.json.items;
      assert.equal(p1.title, 'Hello World');
      assert.equal(p1.views, 10);
      assert.deepEqual(p1.expand, { author: { name: 'Ana' } });
      assert.deepEqual(p2.expand, { author: { name: 'Bo' } });
      assert.equal(res.json.totalItems, 6);
      const picked = await get(`/api/collections/posts/records/${P.p1}?expand=author&fields=id,expand.author.name`);
      assert.deepEqual(picked, { id: P.p1, expand: { author: { name: 'Ana' } } });
    });

    it('expands create and update responses', async () => {
      const id = rid('comment', 9);
      const created = await get(`/api/collections/comments/records?expand=author,post`, 'su', 'POST', {
        id,
        post: P.p3,
        author: U.cy,
        text: 'new',
      });
      assert.deepEqual([created.id, created.expand.author.id, created.expand.post.id], [id, U.cy, P.p3]);
      const path = `/api/collections/comments/records/${id}?expand=post.team`;
      const updated = await get(path, 'su', 'PATCH', { post: P.p5 });
      assert.equal(updated.expand.post.id, P.p5);
      assert.equal(updated.expand.post.expand.team.id, T.blue);
      const res = await fetch(`${fx.env.t.url}/api/collections/comments/records/${id}`, {
        method: 'DELETE',
        headers: { authorization: fx.env.tokens.su ?? '' },
      });
      assert.equal(res.status, 204);
    });

    it("shows an expanded user's hidden email to whoever satisfies the users manageRule", async () => {
      const patch = { manageRule: `@request.auth.id = '${U.ana}'` };
      const res = await fx.env.api('PATCH', `/api/collections/${USERS}`, patch, 'su');
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const path = `/api/collections/posts/records/${P.p2}?expand=author,coauthors&fields=expand.author.email`;
      assert.deepEqual(await get(path, 'ana'), { expand: { author: { email: 'bo@example.com' } } });
      assert.deepEqual(await get(path, 'cy'), { expand: { author: {} } });
      assert.equal((await fx.env.api('PATCH', `/api/collections/${USERS}`, { manageRule: null }, 'su')).status, 200);
    });

    it('lists with expand in a bounded number of queries (2 + one per level)', async () => {
      const cases: Array<[string, string, number]> = [
        ['posts', 'comments_via_post.author', 2],
        ['posts', 'author', 1],
        ['links', hops(6), 6],
      ];
      for (const [collection, expand, levels] of cases) {
        for (const perPage of ['1', '100']) {
          let res: Awaited<ReturnType<typeof list>> | undefined;
          const n = await countQueries(fx.env.t.app, async () => {
            res = await list(fx.env, collection, { perPage, expand, sort: 'id' });
          });
          assert.equal(res?.status, 200, JSON.stringify(res?.json));
          assert.ok(res?.json.items.every((item: any) => 'expand' in item));
          const what = `${collection}?expand=${expand}&perPage=${perPage}: ${n} queries`;
          assert.ok(n >= 1 + levels && n <= 2 + levels, what);
        }
      }
    });
  });
}
