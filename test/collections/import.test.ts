import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { existingTables, tableRows } from './helpers.js';

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`PUT /api/collections/import (${dialect})`, () => {
    let env: TestApp;
    let superToken: string;
    const call = async (method: string, url: string, payload?: unknown) => {
      const res = await env.server.inject({
        method: method as 'GET',
        url,
        headers: { authorization: superToken },
        payload: payload as object,
      });
      return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as Json, raw: res.body };
    };
    const names = () =>
      env.app.collections
        .all()
        .map((c) => c.name)
        .sort();
    const fieldNames = (name: string) => env.app.collections.find(name)?.fields.map((f) => f.name);

    before(async () => {
      env = await startApp({ dialect });
      superToken = await env.superuserToken();
      const res = await call('POST', '/api/collections', {
        name: 'posts',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'body', type: 'text' },
        ],
      });
      assert.equal(res.status, 200, res.raw);
      await call('POST', '/api/collections', { name: 'extra' });
      await env.app.store.run("INSERT INTO posts (id, title, body) VALUES ('p1', 'Hello', 'World')");
    });
    after(() => env?.close());

    it('requires a non-empty list', async () => {
      const res = await call('PUT', '/api/collections/import', { collections: [] });
      assert.equal(res.status, 400);
      assert.equal(res.body.message, 'An error occurred while validating the submitted data.');
      assert.equal(res.body.data.collections.code, 'validation_required');
    });

    it('merges without deleting when deleteMissing is false', async () => {
      const posts = env.app.collections.find('posts');
      const res = await call('PUT', '/api/collections/import', {
        deleteMissing: false,
        collections: [
          {
            id: posts?.id,
            name: 'posts',
            fields: [
              { name: 'title', type: 'text', max: 50 },
              { name: 'views', type: 'number' },
            ],
          },
          {
            name: 'comments',
            fields: [
              { name: 'post', type: 'relation', collectionId: posts?.id, maxSelect: 1, cascadeDelete: true },
              { name: 'author', type: 'relation', collectionId: 'pbc_tags00001', maxSelect: 1 },
            ],
          },
          { id: 'pbc_tags00001', name: 'tags', type: 'base' },
          { name: 'post_titles', type: 'view', viewQuery: 'SELECT id, title FROM posts' },
        ],
      });
      assert.equal(res.status, 204, res.raw);
      assert.deepEqual(names(), [
        '_authOrigins',
        '_externalAuths',
        '_mfas',
        '_otps',
        '_superusers',
        'comments',
        'extra',
        'post_titles',
        'posts',
        'tags',
        'users',
      ]);
      assert.deepEqual(fieldNames('posts'), ['id', 'title', 'views', 'body']);
      assert.equal(env.app.collections.find('posts')?.fields.find((f) => f.name === 'title')?.max, 50);
      assert.deepEqual(await tableRows(env.app, 'posts'), [{ id: 'p1', title: 'Hello', body: 'World', views: 0 }]);
      assert.deepEqual(fieldNames('post_titles'), ['id', 'title']);
    });

    it('deletes missing collections and fields when deleteMissing is true', async () => {
      const current = (name: string) => structuredClone(env.app.collections.find(name));
      const posts = current('posts');
      const tags = current('tags');
      const res = await call('PUT', '/api/collections/import', {
        deleteMissing: true,
        collections: [
          { ...posts, fields: posts?.fields.filter((f) => f.name !== 'body') },
          tags,
          { name: 'users', fields: [] },
        ],
      });
      assert.equal(res.status, 204, res.raw);
      assert.deepEqual(names(), [
        '_authOrigins',
        '_externalAuths',
        '_mfas',
        '_otps',
        '_superusers',
        'posts',
        'tags',
        'users',
      ]);
      assert.deepEqual(fieldNames('posts'), ['id', 'title', 'views']);
      assert.deepEqual(fieldNames('users'), ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified']);
      assert.deepEqual(await tableRows(env.app, 'posts'), [{ id: 'p1', title: 'Hello', views: 0 }]);
      assert.deepEqual(await existingTables(env.app, ['extra', 'comments', 'post_titles']), []);
    });

    it('rolls everything back on a validation failure', async () => {
      const before = names();
      const res = await call('PUT', '/api/collections/import', {
        collections: [{ name: 'fresh' }, { name: 'broken', fields: [{ name: 'expand', type: 'text' }] }],
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.message, 'Failed to import collections.');
      assert.equal(res.body.data.collections.code, 'validation_collections_import_failure');
      assert.match(res.body.data.collections.message, /broken/);
      assert.match(res.body.data.collections.message, /validation_not_in_invalid/);
      assert.deepEqual(names(), before);
      assert.deepEqual(await existingTables(env.app, ['fresh']), []);
    });

    it('rejects a malformed payload', async () => {
      const res = await call('PUT', '/api/collections/import', { collections: 'nope' });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.data, {});
    });
  });
}
