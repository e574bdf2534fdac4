import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { runScenario, type Scenario } from '../harness/scenario.js';
import { createCollection, makeEnv, type RecordsEnv, signUp } from './setup.js';

const POSTS_FIELDS = [
  { name: 'title', type: 'text', required: true, min: 3, max: 50 },
  { name: 'body', type: 'editor' },
  { name: 'views', type: 'number', min: 0, max: 1000 },
  { name: 'published', type: 'bool' },
  { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
  { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
  { name: 'author', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
  { name: 'coauthors', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 5 },
  { name: 'meta', type: 'json' },
  { name: 'location', type: 'geoPoint' },
  { name: 'publishAt', type: 'date' },
  { name: 'site', type: 'url' },
  { name: 'contact', type: 'email' },
  { name: 'secret', type: 'text', hidden: true },
  { name: 'code', type: 'text', autogeneratePattern: '[A-Z]{4}' },
  { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
  { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
];

for (const dialect of DIALECTS) {
  describe(`records CRUD (${dialect})`, () => {
    let env: RecordsEnv;
    let user: { id: string };
    const P = '/api/collections/posts/records';

    before(async () => {
      env = await makeEnv(dialect);
      user = await signUp(env, 'ann', 'ann@example.com');
      await createCollection(env, {
        name: 'posts',
        listRule: '',
        viewRule: '',
        createRule: '',
        updateRule: '',
        deleteRule: '',
        fields: POSTS_FIELDS,
      });
      await createCollection(env, { name: 'locked', fields: [{ name: 'note', type: 'text' }] });
    });
    after(() => env?.t.close());

    const run = (s: Scenario) => runScenario(env.t.url, s, env.tokens);

    it('creates a record with every field type, coerced', async () => {
      const rec = await run({
        name: 'create',
        method: 'POST',
        url: P,
        body: {
          title: 'Hello world',
          body: '<p>Hi <b>there</b></p>',
          views: '12',
          published: 'true',
          tags: ['a', 'b', 'a', ''],
          status: 'live',
          author: user.id,
          coauthors: [user.id],
          meta: '{"lang":"en"}',
          location: { lon: 23.32, lat: 42.69 },
          publishAt: '2026-01-20T09:15:42Z',
          site: 'https://example.com/x',
          contact: 'me@example.com',
          secret: 'guests cannot set this',
          unknownKey: 'ignored',
          created: '2000-01-01 00:00:00.000Z',
        },
        status: 200,
        expect: {
          collectionName: 'posts',
          title: 'Hello world',
          views: 12,
          published: true,
          tags: ['a', 'b'],
          status: 'live',
          author: user.id,
          coauthors: [user.id],
          meta: { lang: 'en' },
          location: { lon: 23.32, lat: 42.69 },
          publishAt: '2026-01-20 09:15:42.000Z',
        },
        absent: ['secret', 'unknownKey', 'expand'],
      });
      assert.match(rec.id, /^[a-z0-9]{15}$/);
      assert.match(rec.code, /^[A-Z]{4}$/);
      assert.match(rec.created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.notEqual(rec.created, '2000-01-01 00:00:00.000Z');
      const su = await run({
        name: 'superuser sees hidden',
        as: 'su',
        method: 'GET',
        url: `${P}/${rec.id}`,
        status: 200,
      });
      assert.equal(su.secret, '', 'a guest-submitted hidden field is dropped');
    });

    it('fills zero values for missing fields', async () => {
      await run({
        name: 'zero',
        method: 'POST',
        url: P,
        body: { title: 'zeros' },
        status: 200,
        expect: {
          body: '',
          views: 0,
          published: false,
          tags: [],
          status: '',
          author: '',
          coauthors: [],
          meta: null,
          location: { lon: 0, lat: 0 },
          publishAt: '',
          site: '',
          contact: '',
        },
      });
    });

    const invalid: Array<[string, Record<string, unknown>, string, string, Record<string, unknown>?]> = [
      ['missing required', {}, 'title', 'validation_required'],
      ['too short', { title: 'ab' }, 'title', 'validation_min_text_constraint', { min: 3 }],
      ['too long', { title: 'x'.repeat(51) }, 'title', 'validation_max_text_constraint', { max: 50 }],
      ['number over max', { title: 'abc', views: 5000 }, 'views', 'validation_max_number_constraint'],
      ['number NaN', { title: 'abc', views: 'NaN' }, 'views', 'validation_not_a_number'],
      ['select value', { title: 'abc', tags: ['zzz'] }, 'tags', 'validation_invalid_value', { value: 'zzz' }],
      ['select single', { title: 'abc', status: 'gone' }, 'status', 'validation_invalid_value'],
      ['missing relation', { title: 'abc', author: 'nosuchuser1234' }, 'author', 'validation_missing_rel_records'],
      ['latitude', { title: 'abc', location: { lon: 1, lat: 100 } }, 'location', 'validation_invalid_latitude'],
      ['url', { title: 'abc', site: 'not a url' }, 'site', 'validation_invalid_url'],
      ['email', { title: 'abc', contact: 'nope' }, 'contact', 'validation_is_email'],
      ['short id', { title: 'abc', id: 'short' }, 'id', 'validation_min_text_constraint'],
      ['id pattern', { title: 'abc', id: 'UPPERCASE_ID_XX' }, 'id', 'validation_invalid_format'],
    ];
    for (const [name, body, field, code, params] of invalid) {
      it(`rejects invalid input: ${name}`, async () => {
        await run({
          name,
          method: 'POST',
          url: P,
          body,
          status: 400,
          expect: {
            status: 400,
            message: 'Failed to create record.',
            data: { [field]: params ? { code, params } : { code } },
          },
        });
      });
    }

    it('accepts a client id and refuses a duplicate', async () => {
      const id = 'clientid0000001';
      await run({ name: 'own id', method: 'POST', url: P, body: { id, title: 'mine' }, status: 200, expect: { id } });
      await run({
        name: 'duplicate id',
        method: 'POST',
        url: P,
        body: { id, title: 'again' },
        status: 400,
        expect: { data: { id: { code: 'validation_not_unique' } } },
      });
    });

    it('applies modifiers on update and refuses an id change', async () => {
      const rec = await run({
        name: 'c',
        method: 'POST',
        url: P,
        body: { title: 'mods', views: 5, tags: ['b'] },
        status: 200,
      });
      const url = `${P}/${rec.id}`;
      await run({ name: 'views+', method: 'PATCH', url, body: { 'views+': 10 }, status: 200, expect: { views: 15 } });
      await run({ name: 'views-', method: 'PATCH', url, body: { 'views-': 3 }, status: 200, expect: { views: 12 } });
      await run({
        name: 'tags+',
        method: 'PATCH',
        url,
        body: { 'tags+': 'c' },
        status: 200,
        expect: { tags: ['b', 'c'] },
      });
      await run({
        name: '+tags',
        method: 'PATCH',
        url,
        body: { '+tags': ['a'] },
        status: 200,
        expect: { tags: ['a', 'b', 'c'] },
      });
      await run({
        name: 'tags-',
        method: 'PATCH',
        url,
        body: { 'tags-': ['b'] },
        status: 200,
        expect: { tags: ['a', 'c'] },
      });
      await run({
        name: 'code:autogenerate',
        method: 'PATCH',
        url,
        body: { 'code:autogenerate': 'X-' },
        status: 200,
        check: (j) => assert.match(j.code, /^X-[A-Z]{4}$/),
      });
      // `:autogenerate` belongs to text fields; on any other type it is ignored like an unknown key
      await run({
        name: 'autogenerate on non-text fields',
        method: 'PATCH',
        url,
        body: {
          'coauthors:autogenerate': 'x',
          'author:autogenerate': 'x',
          'status:autogenerate': 'live',
          'tags:autogenerate': 'x',
        },
        status: 200,
        expect: { coauthors: [], author: '', status: '', tags: ['a', 'c'] },
      });
      await run({
        name: 'guest create with autogenerate on a multiple relation',
        method: 'POST',
        url: P,
        body: { title: 'guest post', 'coauthors:autogenerate': 'x' },
        status: 200,
        expect: { title: 'guest post', coauthors: [] },
      });
      const before = await run({ name: 'get', method: 'GET', url, status: 200 });
      await new Promise((r) => setTimeout(r, 5));
      const afterEmpty = await run({ name: 'empty patch', method: 'PATCH', url, body: {}, status: 200 });
      assert.ok(afterEmpty.updated > before.updated, 'onUpdate autodate refreshes on an empty PATCH');
      assert.equal(afterEmpty.created, before.created);
      await run({
        name: 'pk change',
        method: 'PATCH',
        url,
        body: { id: 'anotherid000001' },
        status: 400,
        expect: { message: 'Failed to update record.', data: { id: { code: 'validation_pk_change' } } },
      });
    });

    it('pages, counts and picks fields', async () => {
      await createCollection(env, {
        name: 'pages',
        listRule: '',
        viewRule: '',
        fields: [{ name: 'n', type: 'number' }],
      });
      for (let i = 1; i <= 7; i++) {
        await env.api('POST', '/api/collections/pages/records', { n: i }, 'su');
      }
      const L = '/api/collections/pages/records';
      await run({
        name: 'default',
        method: 'GET',
        url: L,
        status: 200,
        expect: { page: 1, perPage: 30, totalItems: 7, totalPages: 1 },
      });
      await run({
        name: 'page 2',
        method: 'GET',
        url: `${L}?page=2&perPage=3`,
        status: 200,
        check: (j) => {
          assert.equal(j.items.length, 3);
          assert.deepEqual(
            j.items.map((x: any) => x.n),
            [4, 5, 6],
          );
          assert.equal(j.totalPages, 3);
        },
      });
      await run({
        name: 'past end',
        method: 'GET',
        url: `${L}?page=9&perPage=3`,
        status: 200,
        expect: { items: [], totalItems: 7 },
      });
      await run({
        name: 'skipTotal',
        method: 'GET',
        url: `${L}?skipTotal=1`,
        status: 200,
        expect: { totalItems: -1, totalPages: -1 },
      });
      await run({
        name: 'clamp',
        method: 'GET',
        url: `${L}?perPage=5000&page=0`,
        status: 200,
        expect: { perPage: 1000, page: 1 },
      });
      await run({ name: 'bad page', method: 'GET', url: `${L}?page=abc`, status: 400, expect: { data: {} } });
      await run({ name: 'bad perPage', method: 'GET', url: `${L}?perPage=1.5`, status: 400 });
      await run({ name: 'bad skipTotal', method: 'GET', url: `${L}?skipTotal=maybe`, status: 400 });
      await run({
        name: 'fields',
        method: 'GET',
        url: `${L}?fields=n&perPage=1`,
        status: 200,
        check: (j) => {
          assert.deepEqual(Object.keys(j.items[0]), ['n']);
          assert.equal(j.page, 1);
        },
      });
    });

    it('enforces null rules for everyone but superusers', async () => {
      const L = '/api/collections/locked/records';
      const denied = { status: 403, message: 'Only superusers can perform this action.', data: {} };
      await run({ name: 'guest list', method: 'GET', url: L, status: 403, expect: denied });
      await run({ name: 'user list', as: 'ann', method: 'GET', url: L, status: 403, expect: denied });
      await run({ name: 'guest create', method: 'POST', url: L, body: { note: 'x' }, status: 403, expect: denied });
      const rec = await run({ name: 'su create', as: 'su', method: 'POST', url: L, body: { note: 'x' }, status: 200 });
      await run({ name: 'guest view', method: 'GET', url: `${L}/${rec.id}`, status: 403 });
      await run({ name: 'guest update', method: 'PATCH', url: `${L}/${rec.id}`, body: {}, status: 403 });
      await run({ name: 'guest delete', method: 'DELETE', url: `${L}/${rec.id}`, status: 403 });
      await run({ name: 'su delete', as: 'su', method: 'DELETE', url: `${L}/${rec.id}`, status: 204 });
      await run({ name: 'gone', as: 'su', method: 'GET', url: `${L}/${rec.id}`, status: 404 });
    });

    it('answers 404s with the documented messages', async () => {
      await run({
        name: 'unknown collection',
        method: 'GET',
        url: '/api/collections/nope/records',
        status: 404,
        expect: { message: 'Missing collection context.' },
      });
      await run({
        name: 'unknown collection create',
        method: 'POST',
        url: '/api/collections/nope/records',
        body: {},
        status: 404,
        expect: { message: 'Missing or invalid collection context.' },
      });
      await run({
        name: 'unknown record',
        method: 'GET',
        url: `${P}/doesnotexist123`,
        status: 404,
        expect: { message: "The requested resource wasn't found." },
      });
      await run({
        name: 'unknown route',
        method: 'GET',
        url: '/api/nothing/here',
        status: 404,
        expect: { status: 404, data: {} },
      });
      await run({
        name: 'by collection id',
        method: 'GET',
        url: '/api/collections/_pb_users_auth_/records?perPage=1',
        as: 'su',
        status: 200,
      });
      await run({
        name: 'name case-insensitive',
        method: 'GET',
        url: '/api/collections/POSTS/records?perPage=1',
        status: 200,
      });
    });
  });
}
