import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection, Field } from '../../src/core/collection.js';
import { runSchemaChange } from '../../src/core/collections/schema-change.js';
import { createCollection, truncateCollection, updateCollection } from '../../src/core/collections/service.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { apiError, expectInvalid, indexNames as indexesOf, tableRows } from './helpers.js';

for (const dialect of DIALECTS) {
  describe(`schema changes keep the data (${dialect})`, () => {
    let env: TestApp;
    const rows = (table: string) => tableRows(env.app, table);
    const indexNames = (table: string) => indexesOf(env.app, table);
    const field = (c: Collection, name: string): Field => {
      const f = c.fields.find((x) => x.name === name);
      assert.ok(f, name);
      return f;
    };
    const current = (name: string): Collection => {
      const c = env.app.collections.find(name);
      assert.ok(c, name);
      return structuredClone(c);
    };

    before(async () => {
      env = await startApp({ dialect });
      await createCollection(env.app, {
        name: 'posts',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'tag', type: 'select', values: ['a', 'b', 'c'], maxSelect: 1 },
          { name: 'old', type: 'number' },
        ],
        indexes: ['CREATE INDEX idx_posts_title ON posts (title)'],
      });
      await env.app.store.run(
        "INSERT INTO posts (id, title, tag, old) VALUES ('p1', 'one', 'a', 1), ('p2', 'two', '', 2), ('p3', 'two', 'c', 3)",
      );
    });
    after(() => env?.close());

    it('renames a field (same id, new name) and keeps its values', async () => {
      const c = current('posts');
      field(c, 'title').name = 'heading';
      await expectInvalid(
        updateCollection(env.app, 'posts', { fields: c.fields }),
        'indexes.0',
        'validation_invalid_index_expression',
      );
      const indexes = ['CREATE INDEX idx_posts_title ON posts (heading)'];
      const saved = await updateCollection(env.app, 'posts', { fields: c.fields, indexes });
      assert.equal(field(saved, 'heading').id, 'text724990059');
      assert.deepEqual(
        (await rows('posts')).map((r) => r.heading),
        ['one', 'two', 'two'],
      );
      assert.deepEqual(await indexNames('posts'), ['idx_posts_title']);
    });

    it('removes a field and its column', async () => {
      const c = current('posts');
      await updateCollection(env.app, 'posts', { fields: c.fields.filter((f) => f.name !== 'old') });
      assert.equal(Object.hasOwn((await rows('posts'))[0] ?? {}, 'old'), false);
    });

    it('adds a field with its zero value', async () => {
      const c = current('posts');
      const saved = await updateCollection(env.app, 'posts', {
        fields: [...c.fields, { name: 'score', type: 'number' }],
      });
      assert.ok(saved.fields.some((f) => f.name === 'score'));
      assert.deepEqual(
        (await rows('posts')).map((r) => r.score),
        [0, 0, 0],
      );
    });

    it('switches a select between single and multiple without losing values', async () => {
      let c = current('posts');
      field(c, 'tag').maxSelect = 3;
      await updateCollection(env.app, 'posts', { fields: c.fields });
      assert.deepEqual(
        (await rows('posts')).map((r) => r.tag),
        ['["a"]', '[]', '["c"]'],
      );
      await env.app.store.run(`UPDATE posts SET tag = '["a","b"]' WHERE id = 'p1'`);
      c = current('posts');
      field(c, 'tag').maxSelect = 1;
      await updateCollection(env.app, 'posts', { fields: c.fields });
      assert.deepEqual(
        (await rows('posts')).map((r) => r.tag),
        ['b', '', 'c'],
      );
    });

    it('keeps dependent views through a storage change', async () => {
      await createCollection(env.app, {
        name: 'pv',
        fields: [{ name: 's', type: 'select', values: ['x', 'y'], maxSelect: 1 }],
      });
      await createCollection(env.app, { name: 'pv_view', type: 'view', viewQuery: 'SELECT id, s FROM pv' });
      await env.app.store.run("INSERT INTO pv (id, s) VALUES ('v1', 'x')");
      const c = current('pv');
      field(c, 's').maxSelect = 2;
      await updateCollection(env.app, 'pv', { fields: c.fields });
      assert.deepEqual(await env.app.store.all('SELECT id, s FROM pv_view'), [{ id: 'v1', s: '["x"]' }]);
      assert.equal(field(current('pv_view'), 's').maxSelect, 2);
    });

    it('creates and drops indexes', async () => {
      await updateCollection(env.app, 'posts', {
        indexes: ['CREATE INDEX idx_posts_tag ON posts (tag)', 'CREATE INDEX idx_posts_score ON posts (score DESC)'],
      });
      assert.deepEqual(await indexNames('posts'), ['idx_posts_score', 'idx_posts_tag']);
      await updateCollection(env.app, 'posts', { indexes: [] });
      assert.deepEqual(await indexNames('posts'), []);
    });

    it('fails cleanly when a unique index meets duplicate data', async () => {
      const err = await expectInvalid(
        updateCollection(env.app, 'posts', { indexes: ['CREATE UNIQUE INDEX idx_posts_heading ON posts (heading)'] }),
        'indexes.0',
        'validation_invalid_index_expression',
        'Failed to update collection.',
      );
      // the database's own words for the duplicates differ per dialect
      const duplicates = dialect === 'sqlite' ? /UNIQUE constraint failed/ : /could not create unique index/;
      assert.match(JSON.stringify(err.data), duplicates);
      assert.deepEqual(await indexNames('posts'), []);
      const created = await apiError(
        createCollection(env.app, {
          name: 'dups',
          fields: [{ name: 'a', type: 'text' }],
          indexes: ['CREATE UNIQUE INDEX idx_d ON dups (missing)'],
        }),
      );
      assert.equal(created.message, 'Failed to create collection.');
      assert.equal(env.app.collections.find('dups'), undefined);
    });

    it('renames the collection, its table and its index SQL', async () => {
      await updateCollection(env.app, 'posts', { indexes: ['CREATE INDEX idx_posts_heading ON posts (heading)'] });
      const saved = await updateCollection(env.app, 'posts', { name: 'articles' });
      assert.equal(saved.id, 'pbc_1125843985');
      assert.deepEqual(saved.indexes, ['CREATE INDEX `idx_posts_heading` ON `articles` (`heading`)']);
      assert.equal((await rows('articles')).length, 3);
      assert.deepEqual(await indexNames('articles'), ['idx_posts_heading']);
      await updateCollection(env.app, 'articles', { name: 'posts' });
    });

    it('re-inserts an omitted id field and omitted auth system fields', async () => {
      const c = current('posts');
      const saved = await updateCollection(env.app, 'posts', { fields: c.fields.filter((f) => f.name !== 'id') });
      assert.equal(saved.fields[0]?.name, 'id');
      const auth = await createCollection(env.app, {
        name: 'members',
        type: 'auth',
        fields: [{ name: 'nick', type: 'text' }],
      });
      const nick = field(auth, 'nick');
      const updated = await updateCollection(env.app, 'members', { fields: [nick] });
      assert.deepEqual(updated.fields.map((f) => f.name).sort(), [
        'email',
        'emailVisibility',
        'id',
        'nick',
        'password',
        'tokenKey',
        'verified',
      ]);
      assert.equal(updated.indexes.length, 2);
    });

    it('rotates the auth token secret when the auth rule changes', async () => {
      const before = current('members').auth?.authToken.secret;
      await updateCollection(env.app, 'members', { authRule: 'verified = true' });
      const after = current('members').auth?.authToken.secret;
      assert.notEqual(after, before);
      await updateCollection(env.app, 'members', { authToken: { secret: 'x'.repeat(40) } });
      assert.equal(current('members').auth?.authToken.secret, 'x'.repeat(40));
    });

    it('reports a raw database failure as "Raw error"', async () => {
      const err = await apiError(
        runSchemaChange(env.app, 'update', async () => {
          throw new Error('disk I/O error');
        }),
      );
      assert.equal(err.message, 'Failed to update collection. Raw error: \ndisk I/O error.');
      assert.deepEqual(err.data, {});
    });

    it('truncates with the relation delete semantics', async () => {
      const posts = current('posts');
      await createCollection(env.app, {
        name: 'likes',
        fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, cascadeDelete: true }],
      });
      await createCollection(env.app, {
        name: 'links',
        fields: [{ name: 'posts', type: 'relation', collectionId: posts.id, maxSelect: 5 }],
      });
      await env.app.store.run("INSERT INTO likes (id, post) VALUES ('l1', 'p1'), ('l2', '')");
      await env.app.store.run(`INSERT INTO links (id, posts) VALUES ('k1', '["p1","zz"]')`);
      await truncateCollection(env.app, 'posts');
      assert.deepEqual(await rows('posts'), []);
      assert.deepEqual(
        (await rows('likes')).map((r) => r.id),
        ['l2'],
      );
      assert.deepEqual(
        (await rows('links')).map((r) => r.posts),
        ['["zz"]'],
      );
      await env.app.store.run("INSERT INTO posts (id) VALUES ('p9')");
      await createCollection(env.app, {
        name: 'pins',
        fields: [{ name: 'post', type: 'relation', collectionId: posts.id, maxSelect: 1, required: true }],
      });
      await env.app.store.run("INSERT INTO pins (id, post) VALUES ('n1', 'p9')");
      const err = await apiError(truncateCollection(env.app, 'posts'));
      assert.match(err.message, /^Failed to truncate collection/);
      assert.equal((await rows('posts')).length, 1);
      const su = await apiError(truncateCollection(env.app, '_superusers'));
      assert.match(su.message, /^Failed to truncate collection/);
    });
  });
}
