import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import PocketBase from 'pocketbase';
import { startApp, type TestApp } from '../harness/index.js';
import { copyFixture, type FixtureCopy } from './helpers.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('a PocketBase data directory served in place, through the SDK', () => {
  let fx: FixtureCopy;
  let env: TestApp;
  let pb: PocketBase;
  let migrationsBefore: unknown[];

  before(async () => {
    fx = copyFixture();
    const db = new Database(join(fx.dataDir, 'data.db'), { readonly: true });
    migrationsBefore = db.prepare('SELECT * FROM _migrations ORDER BY file').all();
    db.close();
    env = await startApp({ flags: { dir: fx.dataDir } });
    pb = new PocketBase(env.url);
    pb.autoCancellation(false);
  });
  after(() => env?.close());

  it('signs in with the passwords PocketBase stored', async () => {
    const su = await pb.collection('_superusers').authWithPassword(fx.manifest.superuser.email, 'pb-admin-pass-1');
    assert.equal(su.record.id, fx.manifest.superuser.id);
    const user = fx.manifest.users[0];
    assert.ok(user);
    const alice = new PocketBase(env.url);
    const auth = await alice.collection('users').authWithPassword(user.email, user.password);
    assert.equal(auth.record.id, user.id);
    assert.equal(auth.record.name, 'Alice');
    await assert.rejects(alice.collection('users').authWithPassword(user.email, 'wrong-password'));
  });

  it('accepts the auth tokens PocketBase issued', async () => {
    const admin = new PocketBase(env.url);
    admin.authStore.save(fx.manifest.superuser.token);
    const collections = await admin.collections.getFullList();
    const names = collections.map((c) => c.name);
    for (const name of ['_superusers', 'users', 'posts', 'comments', 'post_stats', '_mfas', '_otps']) {
      assert.ok(names.includes(name), name);
    }
    const user = fx.manifest.users[1];
    assert.ok(user);
    const bob = new PocketBase(env.url);
    bob.authStore.save(user.token);
    const refreshed = await bob.collection('users').authRefresh();
    assert.equal(refreshed.record.id, user.id);
  });

  it('serves the collections with their rules, options and fields', async () => {
    const admin = new PocketBase(env.url);
    admin.authStore.save(fx.manifest.superuser.token);
    const posts = await admin.collections.getOne('posts');
    assert.equal(posts.createRule, "@request.auth.id != ''");
    assert.equal(posts.deleteRule, null);
    assert.deepEqual(
      posts.fields.map((f: { type: string }) => f.type),
      [
        'text',
        'text',
        'editor',
        'number',
        'number',
        'bool',
        'email',
        'url',
        'date',
        'select',
        'select',
        'file',
        'file',
        'relation',
        'relation',
        'json',
        'geoPoint',
        'password',
        'autodate',
        'autodate',
      ],
    );
    const users = await admin.collections.getOne('users');
    assert.equal(users.oauth2.mappedFields.avatarURL, 'avatar');
    assert.equal(users.authToken.duration, 604800);
    assert.equal(users.authToken.secret, undefined);
    const stats = await admin.collections.getOne('post_stats');
    assert.match(stats.viewQuery, /GROUP BY p\.id/);
  });

  it('lists, filters, sorts and expands the records PocketBase wrote', async () => {
    const published = await pb.collection('posts').getFullList({ filter: 'published = true', sort: 'created' });
    assert.deepEqual(
      published.map((p) => p.id),
      ['post00000000001', 'post00000000003'],
    );
    const rated = await pb.collection('posts').getList(1, 10, { filter: pb.filter('rating > {:r}', { r: 4 }) });
    assert.equal(rated.totalItems, 1);
    assert.equal(rated.items[0]?.rating, 4.5);
    const tagged = await pb.collection('posts').getFullList({ filter: 'tags ~ "life"' });
    assert.deepEqual(
      tagged.map((p) => p.id),
      ['post00000000003'],
    );
    const first = await pb.collection('posts').getOne('post00000000001', { expand: 'related,comments_via_post' });
    assert.deepEqual(first.meta, { a: 1, nested: { b: [1, 2] } });
    assert.deepEqual(first.location, { lon: 13.4, lat: 52.5 });
    assert.equal(first.pin, undefined);
    assert.equal(first.expand?.related?.[0]?.title, 'Draft by Bob');
    assert.equal(first.expand?.comments_via_post?.length, 2);
    const stats = await pb.collection('post_stats').getFullList({ sort: 'id' });
    assert.deepEqual(
      stats.map((s) => [s.id, s.total]),
      [
        ['post00000000001', 2],
        ['post00000000002', 0],
        ['post00000000003', 1],
      ],
    );
  });

  it('serves the stored files, with or without their .attrs sidecar, and the stored thumbnails', async () => {
    const post = await pb.collection('posts').getOne('post00000000001');
    for (const name of [post.cover, ...post.attachments] as string[]) {
      const file = fx.manifest.files.find((f) => f.name === name);
      assert.ok(file, name);
      const res = await fetch(pb.files.getURL(post, name));
      assert.equal(res.status, 200, name);
      assert.equal(sha256(new Uint8Array(await res.arrayBuffer())), file.sha256, name);
      if (name.endsWith('.png')) assert.equal(res.headers.get('content-type'), 'image/png');
      if (name.endsWith('.txt')) assert.match(String(res.headers.get('content-type')), /^text\/plain/);
    }
    const thumb = await fetch(pb.files.getURL(post, post.cover, { thumb: '50x50' }));
    assert.equal(thumb.status, 200);
    const stored = readFileSync(
      join(fx.dataDir, 'storage', post.collectionId, post.id, `thumbs_${post.cover}`, `50x50_${post.cover}`),
    );
    assert.equal(sha256(new Uint8Array(await thumb.arrayBuffer())), sha256(stored));
  });

  it('serves the settings and the logs PocketBase stored', async () => {
    const admin = new PocketBase(env.url);
    admin.authStore.save(fx.manifest.superuser.token);
    const settings = await admin.settings.getAll();
    assert.equal(settings.meta.appName, 'PB Fixture');
    assert.equal(settings.smtp.username, 'mailer');
    assert.equal(settings.smtp.password, undefined);
    const logs = await admin.logs.getList(1, 50, { filter: 'level = 8' });
    assert.equal(logs.items[0]?.message, 'Failed to send mail');
  });

  it("writes records, files, collections, settings and logs in PocketBase's format, leaving its migrations alone", async () => {
    const user = fx.manifest.users[0];
    assert.ok(user);
    const alice = new PocketBase(env.url);
    await alice.collection('users').authWithPassword(user.email, user.password);
    const form = new FormData();
    form.append('title', 'Written by Basalt');
    form.append('views', '7');
    form.append('published', 'true');
    form.append('tags', 'news');
    form.append('tags', 'tech');
    form.append('status', 'draft');
    form.append('author', user.id);
    form.append('meta', JSON.stringify({ from: 'basalt' }));
    form.append('publishedAt', '2025-01-02 03:04:05.678Z');
    form.append(
      'cover',
      new Blob(
        [
          readFileSync(
            join(
              fx.dataDir,
              'storage',
              fx.manifest.files[0]?.collectionId ?? '',
              'post00000000001',
              'cover_abc123xyz9.png',
            ),
          ),
        ],
        { type: 'image/png' },
      ),
      'new.png',
    );
    const created = await alice.collection('posts').create(form);
    await alice.collection('posts').update(created.id, { rating: 3.5 });
    const admin = new PocketBase(env.url);
    admin.authStore.save(fx.manifest.superuser.token);
    await admin.settings.update({ meta: { appName: 'Renamed by Basalt' } });
    await admin.collections.create({
      name: 'members',
      type: 'auth',
      fields: [{ name: 'nickname', type: 'text' }],
    });
    await env.close();

    const db = new Database(join(fx.dataDir, 'data.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT * FROM posts WHERE id = ?').get(created.id) as Record<string, unknown>;
      assert.match(String(row.id), /^[a-z0-9]{15}$/);
      assert.match(String(row.created), DATE);
      assert.match(String(row.updated), DATE);
      assert.equal(row.publishedAt, '2025-01-02 03:04:05.678Z');
      assert.equal(row.published, 1);
      assert.equal(row.views, 7);
      assert.equal(row.rating, 3.5);
      assert.equal(row.tags, '["news","tech"]');
      assert.equal(row.status, 'draft');
      assert.equal(row.related, '[]');
      assert.deepEqual(JSON.parse(String(row.meta)), { from: 'basalt' });
      assert.deepEqual(JSON.parse(String(row.location)), { lon: 0, lat: 0 });
      const cover = String(row.cover);
      assert.match(cover, /^new_[a-z0-9]{10}\.png$/);
      const path = join(fx.dataDir, 'storage', String(created.collectionId), created.id, cover);
      assert.ok(existsSync(path));
      const attrs = JSON.parse(readFileSync(`${path}.attrs`, 'utf8')) as Record<string, unknown>;
      assert.equal(attrs['user.content_type'], 'image/png');

      const params = db.prepare("SELECT value FROM _params WHERE id = 'settings'").get() as { value: string };
      const settings = JSON.parse(params.value) as { meta: { appName: string }; smtp: { password: string } };
      assert.equal(settings.meta.appName, 'Renamed by Basalt');
      assert.equal(settings.smtp.password, 'smtp-secret-value');

      const members = db.prepare("SELECT * FROM _collections WHERE name = 'members'").get() as Record<string, string>;
      const options = JSON.parse(members.options as string) as Record<string, { secret?: string }>;
      assert.equal(options.auth, undefined);
      assert.ok((options.authToken?.secret ?? '').length >= 30);
      assert.ok(Array.isArray(JSON.parse(members.fields as string)));
      assert.ok(Array.isArray(JSON.parse(members.indexes as string)));

      assert.deepEqual(db.prepare('SELECT * FROM _migrations ORDER BY file').all(), migrationsBefore);
    } finally {
      db.close();
    }
    const aux = new Database(join(fx.dataDir, 'auxiliary.db'), { readonly: true });
    try {
      const logs = aux.prepare("SELECT * FROM _logs WHERE id NOT LIKE 'log%'").all() as Array<Record<string, unknown>>;
      assert.ok(logs.length > 0);
      for (const log of logs) {
        assert.match(String(log.id), /^[a-z0-9]{15}$/);
        assert.match(String(log.created), DATE);
        assert.equal(log.updated, log.created);
        assert.equal(typeof log.level, 'number');
        assert.equal(typeof JSON.parse(String(log.data)), 'object');
      }
    } finally {
      aux.close();
    }
  });
});
