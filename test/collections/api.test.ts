import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { existingTables } from './helpers.js';

type Json = Record<string, any>;

for (const dialect of DIALECTS) {
  describe(`collections API (${dialect})`, () => {
    let env: TestApp;
    let superToken: string;
    let userToken: string;
    const call = async (method: string, url: string, payload?: unknown, token?: string | null) => {
      const headers: Record<string, string> = {};
      const auth = token === undefined ? superToken : token;
      if (auth) headers.authorization = auth;
      const res = await env.server.inject({ method: method as 'GET', url, headers, payload: payload as object });
      return { status: res.statusCode, body: (res.body ? JSON.parse(res.body) : null) as Json, raw: res.body };
    };

    before(async () => {
      env = await startApp({ dialect });
      superToken = await env.superuserToken();
      userToken = (await createUser(env, 'user@example.com')).token;
    });
    after(() => env?.close());

    it('requires a superuser on every endpoint', async () => {
      const endpoints: Array<[string, string]> = [
        ['GET', '/api/collections'],
        ['POST', '/api/collections'],
        ['GET', '/api/collections/meta/scaffolds'],
        ['PUT', '/api/collections/import'],
        ['GET', '/api/collections/users'],
        ['PATCH', '/api/collections/users'],
        ['DELETE', '/api/collections/users'],
        ['DELETE', '/api/collections/users/truncate'],
      ];
      for (const [method, url] of endpoints) {
        const guest = await call(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}, null);
        assert.equal(guest.status, 401, `${method} ${url}`);
        assert.deepEqual(guest.body, {
          data: {},
          message: 'The request requires valid record authorization token.',
          status: 401,
        });
        const user = await call(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}, userToken);
        assert.equal(user.status, 403, `${method} ${url}`);
        assert.equal(user.body.message, 'The authorized record is not allowed to perform this action.');
      }
    });

    it('lists with paging, sort, filter and fields', async () => {
      const all = await call('GET', '/api/collections?perPage=2&sort=-name');
      assert.equal(all.status, 200);
      assert.equal(all.body.page, 1);
      assert.equal(all.body.perPage, 2);
      assert.equal(all.body.totalItems, 6);
      assert.equal(all.body.totalPages, 3);
      assert.deepEqual(
        all.body.items.map((c: Json) => c.name),
        ['users', '_superusers'],
      );
      const filtered = await call(
        'GET',
        `/api/collections?filter=${encodeURIComponent("system = false && type = 'auth'")}&fields=name`,
      );
      assert.deepEqual(filtered.body.items, [{ name: 'users' }]);
      const skip = await call('GET', '/api/collections?skipTotal=1&page=2&perPage=4');
      assert.equal(skip.body.totalItems, -1);
      assert.equal(skip.body.totalPages, -1);
      assert.equal(skip.body.items.length, 2);
      assert.equal((await call('GET', '/api/collections?sort=nope')).status, 400);
      assert.equal((await call('GET', '/api/collections?filter=listRule%3D1')).status, 400);
      assert.equal((await call('GET', '/api/collections?page=x')).status, 400);
    });

    it('views one collection by id or name (case-insensitive), 404 otherwise', async () => {
      const byName = await call('GET', '/api/collections/USERS');
      assert.equal(byName.status, 200);
      assert.equal(byName.body.id, '_pb_users_auth_');
      const byId = await call('GET', '/api/collections/pbc_3142635823?fields=name,authToken');
      assert.deepEqual(byId.body, { name: '_superusers', authToken: { duration: 86400 } });
      const missing = await call('GET', '/api/collections/nope');
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, { data: {}, message: "The requested resource wasn't found.", status: 404 });
    });

    it('never outputs token or oauth2 client secrets', async () => {
      const res = await call('PATCH', '/api/collections/users', {
        oauth2: { enabled: true, providers: [{ name: 'google', clientId: 'id1', clientSecret: 'secret1' }] },
      });
      assert.equal(res.status, 200, res.raw);
      assert.doesNotMatch(res.raw, /secret1|"secret"|clientSecret/);
      assert.deepEqual(res.body.oauth2.providers[0].clientId, 'id1');
      const stored = env.app.collections.find('users')?.auth?.oauth2.providers[0];
      assert.equal(stored?.clientSecret, 'secret1');
      const again = await call('PATCH', '/api/collections/users', {
        oauth2: { enabled: true, providers: [{ name: 'google', clientId: 'id2' }] },
      });
      assert.equal(again.status, 200, again.raw);
      assert.equal(env.app.collections.find('users')?.auth?.oauth2.providers[0]?.clientSecret, 'secret1');
      for (const key of ['authToken', 'passwordResetToken', 'emailChangeToken', 'verificationToken', 'fileToken']) {
        assert.deepEqual(Object.keys(again.body[key]), ['duration'], key);
      }
    });

    it('serves the scaffolds ahead of /{collection}', async () => {
      const res = await call('GET', '/api/collections/meta/scaffolds');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), ['auth', 'base', 'view']);
      for (const type of ['auth', 'base', 'view']) {
        const s = res.body[type];
        assert.equal(s.id, '');
        assert.equal(s.name, '');
        assert.equal(s.type, type);
        assert.equal(s.system, false);
        assert.equal(s.listRule, null);
      }
      assert.deepEqual(res.body.view.fields, []);
      assert.equal(res.body.view.viewQuery, '');
      assert.deepEqual(res.body.base.indexes, []);
      assert.deepEqual(
        res.body.base.fields.map((f: Json) => f.name),
        ['id'],
      );
      assert.deepEqual(
        res.body.auth.fields.map((f: Json) => f.name),
        ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified'],
      );
      assert.equal(res.body.auth.indexes.length, 2);
      assert.equal(res.body.auth.authRule, '');
      assert.equal(res.body.auth.passwordAuth.enabled, true);
      assert.equal(res.body.auth.authToken.secret, undefined);
      assert.equal(res.body.base.authRule, undefined);
    });

    it('creates every collection type and every field type', async () => {
      const fields = [
        { name: 'title', type: 'text', required: true, max: 100 },
        { name: 'body', type: 'editor' },
        { name: 'views', type: 'number', onlyInt: true },
        { name: 'published', type: 'bool' },
        { name: 'contact', type: 'email' },
        { name: 'site', type: 'url' },
        { name: 'publishAt', type: 'date' },
        { name: 'created', type: 'autodate', onCreate: true },
        { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
        { name: 'cover', type: 'file', maxSelect: 1 },
        { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
        { name: 'meta', type: 'json' },
        { name: 'location', type: 'geoPoint' },
        { name: 'secret', type: 'password' },
      ];
      const base = await call('POST', '/api/collections', {
        name: 'posts',
        fields,
        listRule: '',
        indexes: ['CREATE INDEX idx_posts_title ON posts (title)'],
      });
      assert.equal(base.status, 200, base.raw);
      assert.equal(base.body.id, 'pbc_1125843985');
      assert.equal(base.body.type, 'base');
      assert.deepEqual(
        base.body.fields.map((f: Json) => [f.name, f.type]),
        [['id', 'text'], ...fields.map((f) => [f.name, f.type])],
      );
      assert.equal(base.body.fields[1].id, 'text724990059');
      assert.equal(base.body.fields[8].id, 'autodate2990389176');
      assert.equal(base.body.listRule, '');
      assert.equal(base.body.createRule, null);
      assert.match(base.body.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);

      const auth = await call('POST', '/api/collections', {
        name: 'members',
        type: 'auth',
        fields: [{ name: 'tokenKey', type: 'text', required: false }],
      });
      assert.equal(auth.status, 200, auth.raw);
      const tokenKey = auth.body.fields.find((f: Json) => f.name === 'tokenKey');
      assert.equal(tokenKey.required, true);
      assert.equal(tokenKey.hidden, true);
      assert.equal(auth.body.fields[0].name, 'id');
      assert.equal(auth.body.passwordAuth.identityFields[0], 'email');

      const view = await call('POST', '/api/collections', {
        name: 'post_stats',
        type: 'view',
        listRule: '',
        viewQuery:
          'SELECT p.id, p.title AS heading, p.owner, count(p.id) AS total, CAST(p.views AS REAL) AS score, p.meta || 1 AS other FROM posts p GROUP BY p.id',
        fields: [{ name: 'ignored', type: 'text' }],
      });
      assert.equal(view.status, 200, view.raw);
      assert.equal(view.body.viewQuery.startsWith('SELECT p.id'), true);
      const inferred = Object.fromEntries(view.body.fields.map((f: Json) => [f.name, f]));
      assert.deepEqual(Object.keys(inferred), ['id', 'heading', 'owner', 'total', 'score', 'other']);
      assert.equal(inferred.id.primaryKey, true);
      assert.equal(inferred.heading.type, 'text');
      assert.equal(inferred.heading.max, 100);
      assert.equal(inferred.owner.type, 'relation');
      assert.equal(inferred.owner.collectionId, '_pb_users_auth_');
      assert.equal(inferred.total.type, 'number');
      assert.equal(inferred.total.onlyInt, true);
      assert.equal(inferred.score.type, 'number');
      assert.equal(inferred.other.type, 'json');
      assert.deepEqual(view.body.indexes, []);

      const idView = await call('POST', '/api/collections', {
        name: 'post_refs',
        type: 'view',
        viewQuery: 'SELECT (ROW_NUMBER() OVER()) AS id, p.id AS post FROM posts p',
      });
      assert.equal(idView.status, 200, idView.raw);
      assert.equal(idView.body.fields[1].type, 'relation');
      assert.equal(idView.body.fields[1].collectionId, 'pbc_1125843985');
    });

    it('serves view records read-only, with text ids', async () => {
      await env.app.store.run("INSERT INTO posts (id, title, views) VALUES ('p1', 'Hello', 3)");
      const refs = await env.app.store.all<{ id: unknown }>('SELECT id FROM post_refs');
      assert.equal(refs[0]?.id, '1');
      const write = await call('POST', '/api/collections/post_stats/records', { heading: 'x' });
      assert.equal(write.status, 400);
      assert.equal(write.body.message, 'Unsupported collection type.');
      const truncate = await call('DELETE', '/api/collections/post_stats/truncate');
      assert.equal(truncate.status, 400);
      assert.equal(
        truncate.body.message,
        "View collections cannot be truncated since they don't store their own records.",
      );
    });

    it('lists view records without a sort', async () => {
      const list = await call('GET', '/api/collections/post_stats/records');
      assert.equal(list.status, 200, list.raw);
      assert.equal(list.body.items[0].id, 'p1');
      assert.equal(list.body.items[0].heading, 'Hello');
      assert.equal(list.body.items[0].total, 1);
    });

    it('refuses to delete referenced, viewed and system collections', async () => {
      const refd = await call('DELETE', '/api/collections/posts');
      assert.equal(refd.status, 400);
      assert.match(refd.body.message, /^Failed to delete collection probably due to existing reference in /);
      assert.match(refd.body.message, /post_stats/);
      const rel = await call('POST', '/api/collections', {
        name: 'comments',
        fields: [{ name: 'member', type: 'relation', collectionId: 'members', maxSelect: 1 }],
      });
      assert.equal(rel.status, 400, 'relation collectionId must be an id');
      const members = env.app.collections.find('members');
      const ok = await call('POST', '/api/collections', {
        name: 'comments',
        fields: [{ name: 'member', type: 'relation', collectionId: members?.id, maxSelect: 1 }],
      });
      assert.equal(ok.status, 200, ok.raw);
      const blocked = await call('DELETE', '/api/collections/members');
      assert.equal(blocked.status, 400);
      assert.equal(blocked.body.message, 'Failed to delete collection probably due to existing reference in comments.');
      const system = await call('DELETE', '/api/collections/_superusers');
      assert.equal(system.status, 400);
      assert.match(system.body.message, /^Failed to delete collection/);
      assert.equal((await call('DELETE', '/api/collections/comments')).status, 204);
      assert.equal((await call('DELETE', '/api/collections/members')).status, 204);
      assert.equal(env.app.collections.find('members'), undefined);
      assert.deepEqual(await existingTables(env.app, ['members', 'comments']), []);
      assert.equal((await call('DELETE', '/api/collections/nope')).status, 404);
    });

    it('answers a failed create with nested validation data', async () => {
      const res = await call('POST', '/api/collections', {
        name: 'posts',
        fields: [
          { name: 'a', type: 'text' },
          { name: 'expand', type: 'text' },
        ],
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.message, 'Failed to create collection.');
      assert.deepEqual(res.body.data.name, {
        code: 'validation_collection_name_exists',
        message: 'Collection name must be unique (case insensitive).',
      });
      assert.equal(res.body.data.fields['2'].name.code, 'validation_not_in_invalid');
    });
  });
}
