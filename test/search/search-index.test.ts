import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setBatch } from '../batch/setup.js';
import { DIALECTS } from '../harness/index.js';
import { makeSearchEnv, type SearchEnv } from './setup.js';

/** Superuser search on posts: the short names (or ids) of what matches. */
async function found(env: SearchEnv, search: string): Promise<string[]> {
  const res = await env.list({ search, perPage: '100' }, 'su');
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.totalItems, res.json.items.length);
  return env.names(res.json).sort();
}

async function patchPosts(env: SearchEnv, body: Record<string, unknown>) {
  return env.api('PATCH', '/api/collections/posts', body, 'su');
}

for (const dialect of DIALECTS) {
  describe(`full-text index follows every write (${dialect})`, () => {
    let env: SearchEnv;
    before(async () => {
      env = await makeSearchEnv(dialect);
      setBatch(env.t, { enabled: true, maxRequests: 50, timeout: 3, maxBodySize: 0 });
    });
    after(async () => {
      await env.t.close();
    });

    it('create, update and delete through the API', async () => {
      const created = await env.api('POST', '/api/collections/posts/records', { title: 'Zookeeper wanted' }, 'su');
      assert.equal(created.status, 200);
      const id = created.json.id;
      assert.deepEqual(await found(env, 'zookeeper'), [`?${id}`]);
      const updated = await env.api(
        'PATCH',
        `/api/collections/posts/records/${id}`,
        { title: 'Lighthouse keeper' },
        'su',
      );
      assert.equal(updated.status, 200);
      assert.deepEqual(await found(env, 'zookeeper'), []);
      assert.deepEqual(await found(env, 'lighthouse'), [`?${id}`]);
      // a write that leaves the searched fields alone keeps the entry
      await env.api('PATCH', `/api/collections/posts/records/${id}`, { count: 5 }, 'su');
      assert.deepEqual(await found(env, 'lighthouse'), [`?${id}`]);
      const deleted = await env.api('DELETE', `/api/collections/posts/records/${id}`, undefined, 'su');
      assert.equal(deleted.status, 204);
      assert.deepEqual(await found(env, 'lighthouse'), []);
    });

    it('batch writes, and a failed batch leaves the index as it was', async () => {
      const ok = await env.api(
        'POST',
        '/api/batch',
        {
          requests: [
            { method: 'POST', url: '/api/collections/posts/records', body: { title: 'Batch baker' } },
            { method: 'POST', url: '/api/collections/posts/records', body: { title: 'Batch brewer' } },
          ],
        },
        'su',
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      const [baker, brewer] = ok.json.map((r: any) => r.body.id);
      assert.deepEqual(await found(env, 'batch'), [`?${baker}`, `?${brewer}`].sort());
      const failed = await env.api(
        'POST',
        '/api/batch',
        {
          requests: [
            { method: 'DELETE', url: `/api/collections/posts/records/${baker}` },
            { method: 'POST', url: '/api/collections/posts/records', body: { title: 'Batch butcher' } },
            { method: 'PATCH', url: '/api/collections/posts/records/missing', body: { title: 'x' } },
          ],
        },
        'su',
      );
      assert.equal(failed.status, 400);
      assert.deepEqual(await found(env, 'batch'), [`?${baker}`, `?${brewer}`].sort());
      const cleanup = await env.api(
        'POST',
        '/api/batch',
        {
          requests: [
            { method: 'DELETE', url: `/api/collections/posts/records/${baker}` },
            { method: 'DELETE', url: `/api/collections/posts/records/${brewer}` },
          ],
        },
        'su',
      );
      assert.equal(cleanup.status, 200);
      assert.deepEqual(await found(env, 'batch'), []);
    });

    it('cascade deletes leave the index', async () => {
      const bob = await env.api(
        'POST',
        '/api/collections/users/records',
        { email: 'bob@example.com', password: 'password-123', passwordConfirm: 'password-123' },
        'su',
      );
      const post = await env.api(
        'POST',
        '/api/collections/posts/records',
        { title: 'Cascade plumber', owner: bob.json.id },
        'su',
      );
      assert.deepEqual(await found(env, 'plumber'), [`?${post.json.id}`]);
      const gone = await env.api('DELETE', `/api/collections/users/records/${bob.json.id}`, undefined, 'su');
      assert.equal(gone.status, 204);
      assert.deepEqual(await found(env, 'plumber'), []);
    });

    it('changing searchFields rebuilds the index over the stored rows', async () => {
      let res = await patchPosts(env, { searchFields: ['title'] });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.json.searchFields, ['title']);
      assert.deepEqual(await found(env, 'berlin'), []);
      assert.deepEqual(await found(env, 'chef'), ['chef']);

      res = await patchPosts(env, { searchFields: ['title', 'body', 'contact', 'site'] });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(await found(env, 'berlin'), ['designer', 'ts']);
      assert.deepEqual(await found(env, 'jobs chef'), ['chef']);

      // the index follows a field rename without searchFields being sent
      const fields = res.json.fields.map((f: any) => (f.name === 'title' ? { ...f, name: 'heading' } : f));
      res = await patchPosts(env, { fields });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.json.searchFields, ['heading', 'body', 'contact', 'site']);
      assert.deepEqual(await found(env, 'typescript'), ['ts']);
      const created = await env.api('POST', '/api/collections/posts/records', { heading: 'Renamed roofer' }, 'su');
      assert.deepEqual(await found(env, 'roofer'), [`?${created.json.id}`]);

      // a removed field leaves the list
      const withoutSite = res.json.fields.filter((f: any) => f.name !== 'site');
      res = await patchPosts(env, { fields: withoutSite });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.json.searchFields, ['heading', 'body', 'contact']);

      // a renamed collection keeps its index
      res = await env.api('PATCH', '/api/collections/posts', { name: 'jobs' }, 'su');
      assert.equal(res.status, 200, JSON.stringify(res.json));
      const renamed = await env.api('GET', '/api/collections/jobs/records?search=roofer', undefined, 'su');
      assert.equal(renamed.status, 200);
      assert.equal(renamed.json.totalItems, 1);
      await env.api('DELETE', `/api/collections/jobs/records/${created.json.id}`, undefined, 'su');
      assert.equal(
        (await env.api('GET', '/api/collections/jobs/records?search=roofer', undefined, 'su')).json.totalItems,
        0,
      );
      res = await env.api('PATCH', '/api/collections/jobs', { name: 'posts', fields: res.json.fields }, 'su');
      assert.equal(res.status, 200, JSON.stringify(res.json));

      // turning search off
      res = await patchPosts(env, { searchFields: [] });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(res.json.searchFields, []);
      const off = await env.list({ search: 'chef' }, 'su');
      assert.equal(off.status, 400);
      // and on again
      res = await patchPosts(env, { searchFields: ['heading'] });
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.deepEqual(await found(env, 'chef'), ['chef']);
    });

    it('searchFields that name a missing or non-text field are refused and change nothing', async () => {
      const cases: Array<[unknown, string]> = [
        [['nope'], 'validation_search_field_missing'],
        [['count'], 'validation_search_field_type'],
        [['owner'], 'validation_search_field_type'],
        [['heading', 'status'], 'validation_search_field_type'],
      ];
      for (const [searchFields, code] of cases) {
        const res = await patchPosts(env, { searchFields });
        assert.equal(res.status, 400, JSON.stringify(res.json));
        const items = Object.values(res.json.data.searchFields) as Array<{ code: string }>;
        assert.equal(items[0]?.code, code, JSON.stringify(res.json));
      }
      for (const bad of ['title', 5, [1], { a: 1 }]) {
        const res = await patchPosts(env, { searchFields: bad });
        assert.equal(res.status, 400, JSON.stringify(res.json));
      }
      const view = await env.api(
        'POST',
        '/api/collections',
        { name: 'post_view', type: 'view', viewQuery: 'SELECT id, heading FROM posts', searchFields: ['heading'] },
        'su',
      );
      assert.equal(view.status, 400);
      assert.equal(view.json.data.searchFields.code, 'validation_search_fields_unsupported');
      const res = await env.api('GET', '/api/collections/posts', undefined, 'su');
      assert.deepEqual(res.json.searchFields, ['heading']);
      assert.deepEqual(await found(env, 'chef'), ['chef']);
    });

    it('a new collection with searchFields indexes its records; deleting it drops the index', async () => {
      const res = await env.api(
        'POST',
        '/api/collections',
        {
          name: 'notes',
          listRule: '',
          createRule: '',
          fields: [{ name: 'text', type: 'text' }],
          searchFields: ['text'],
        },
        'su',
      );
      assert.equal(res.status, 200, JSON.stringify(res.json));
      await env.api('POST', '/api/collections/notes/records', { text: 'Remember the milk' });
      const hit = await env.api('GET', '/api/collections/notes/records?search=milk');
      assert.equal(hit.json.totalItems, 1);
      assert.equal((await env.api('DELETE', '/api/collections/notes', undefined, 'su')).status, 204);
      const again = await env.api(
        'POST',
        '/api/collections',
        { name: 'notes', listRule: '', fields: [{ name: 'text', type: 'text' }], searchFields: ['text'] },
        'su',
      );
      assert.equal(again.status, 200, JSON.stringify(again.json));
      const empty = await env.api('GET', '/api/collections/notes/records?search=milk');
      assert.equal(empty.json.totalItems, 0);
    });
  });
}
