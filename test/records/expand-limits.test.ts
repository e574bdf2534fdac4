import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import { MAX_EXPANDED_RECORDS } from '../../src/core/records/expand.js';
import { createRecord } from '../../src/core/records/service.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import { DIALECTS } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv } from './setup.js';

const SYS = requestInfo(SYSTEM);

for (const dialect of DIALECTS) {
  describe(`expand limits (${dialect})`, () => {
    let env: RecordsEnv;
    const P = '/api/collections/posts/records';

    before(async () => {
      env = await makeEnv(dialect);
      await createCollection(env, {
        name: 'tags',
        listRule: '',
        viewRule: '',
        fields: [{ name: 'name', type: 'text' }],
      });
      const tags = env.t.app.collections.find('tags') as Collection;
      await createCollection(env, {
        name: 'posts',
        listRule: '',
        viewRule: '',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'rel', type: 'relation', collectionId: tags.id, maxSelect: 10 },
        ],
      });
      const posts = env.t.app.collections.find('posts') as Collection;
      const tagIds: string[] = [];
      for (let i = 0; i < 10; i++) {
        const tag = await createRecord(env.t.app, tags, { data: { name: `t${i}` }, files: [] }, SYS);
        tagIds.push(String(tag.id));
      }
      // 100 guest-readable posts, each related to 5 of the 10 tags
      await env.t.app.store.transaction(async (tx) => {
        for (let i = 0; i < 100; i++) {
          const rel = [0, 1, 2, 3, 4].map((k) => tagIds[(i + k * 2) % 10]);
          await createRecord(env.t.app, posts, { data: { title: `p${i}`, rel }, files: [] }, SYS, tx);
        }
      });
    });
    after(() => env?.t.close());

    it('an expand that would grow past the limit is a 400, and other requests are served meanwhile', async () => {
      const hostile = fetch(
        `${env.t.url}${P}?perPage=100&expand=rel.posts_via_rel.rel.posts_via_rel.rel.posts_via_rel`,
      );
      const others = Promise.all(
        Array.from({ length: 5 }, () => fetch(`${env.t.url}/api/health`).then((r) => r.status)),
      );
      const res = await hostile;
      const body = (await res.json()) as { status: number; message: string };
      assert.equal(res.status, 400);
      assert.equal(body.status, 400);
      assert.match(body.message, /too many records/);
      assert.deepEqual(await others, [200, 200, 200, 200, 200]);
    });

    it('the same request shape within the limit still expands fully', async () => {
      const res = await env.api('GET', `${P}?perPage=2&expand=rel.posts_via_rel`);
      assert.equal(res.status, 200);
      const first = res.json.items[0];
      assert.equal(first.expand.rel.length, 5);
      // every tag is on half of the posts
      assert.equal(first.expand.rel[0].expand.posts_via_rel.length, 50);
    });

    it('counts nested records of the response, not only loaded rows', async () => {
      // 100 posts × 5 tags × 50 posts × 5 tags: the rows loaded are few, the response would be huge
      assert.ok(100 * 5 * 50 * 5 > MAX_EXPANDED_RECORDS);
      const res = await env.api('GET', `${P}?perPage=100&expand=rel.posts_via_rel.rel`);
      assert.equal(res.status, 400);
      const over = await env.api('GET', `${P}?perPage=100&expand=rel.posts_via_rel`);
      assert.equal(over.status, 400, '100 posts × 5 tags × (1 + 50 posts) is 25,500 records');
      const ok = await env.api('GET', `${P}?perPage=50&expand=rel.posts_via_rel`);
      assert.equal(ok.status, 200, '50 posts × 5 tags × (1 + 50 posts) is 12,750 records');
    });
  });
}
