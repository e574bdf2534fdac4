import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { createCollection } from '../records/setup.js';
import { buildFixture, type Fixture, list, rid, T, U, USERS } from './fixture.js';

const NOT_FOUND = { data: {}, message: "The requested resource wasn't found.", status: 404 };
const CREATE_FAILED = { data: {}, message: 'Failed to create record.', status: 400 };
const SUPERUSERS_ONLY = { data: {}, message: 'Only superusers can perform this action.', status: 403 };
const MEMBERSHIP = '@collection.members.user ?= @request.auth.id && @collection.members.team ?= team';

const N = { a1: rid('note', 1), a2: rid('note', 2), b1: rid('note', 3) };
const J = { red1: rid('project', 1), blue: rid('project', 2), red2: rid('project', 3) };
const G = rid('gated', 1);
const S1 = rid('secret', 1);
const PR = { ana: rid('private', 1), bo: rid('private', 2) };
const X = { x1: rid('letter', 1), x2: rid('letter', 2) };
const STAFF = { visible: rid('staff', 1), hidden: rid('staff', 2) };
const ART = rid('article', 1);

const rules = (all: string | null, extra: Record<string, string | null> = {}) => ({
  listRule: all,
  viewRule: all,
  createRule: all,
  updateRule: all,
  deleteRule: all,
  ...extra,
});
const rel = (name: string, collectionId: string) => ({ name, type: 'relation', collectionId, maxSelect: 1 });

for (const dialect of DIALECTS) {
  describe(`API rules over HTTP (${dialect})`, () => {
    let fx: Fixture;

    async function req(
      method: string,
      path: string,
      body?: unknown,
      as?: string,
      headers: Record<string, string> = {},
    ) {
      const h: Record<string, string> = { ...headers };
      if (as) h.authorization = fx.env.tokens[as] ?? '';
      if (body !== undefined) h['content-type'] = 'application/json';
      const res = await fetch(fx.env.t.url + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    }
    const rec = (c: string, id = '') => `/api/collections/${c}/records${id ? `/${id}` : ''}`;
    async function seed(collection: string, id: string, body: Record<string, unknown>) {
      const res = await req('POST', rec(collection), { id, ...body }, 'su');
      assert.equal(res.status, 200, `${collection}: ${JSON.stringify(res.json)}`);
    }
    async function expectStatus(method: string, path: string, status: number, body?: unknown, as?: string, h = {}) {
      const res = await req(method, path, body, as, h);
      assert.equal(res.status, status, `${method} ${path} as ${as ?? 'guest'}: ${JSON.stringify(res.json)}`);
      return res.json;
    }
    async function refusedCreate(collection: string, body: Record<string, unknown>, as?: string) {
      const before = (await list(fx.env, collection, {}, 'su')).json.totalItems;
      const id = rid('spoof', Math.floor(Math.random() * 1e9));
      const res = await req('POST', rec(collection), { id, ...body }, as);
      assert.equal(res.status, 400, `${collection} ${JSON.stringify(body)}: ${JSON.stringify(res.json)}`);
      assert.deepEqual(res.json, CREATE_FAILED);
      assert.equal((await req('GET', rec(collection, id), undefined, 'su')).status, 404, 'no row left behind');
      assert.equal((await list(fx.env, collection, {}, 'su')).json.totalItems, before);
    }
    const ids = async (collection: string, as?: string, params: Record<string, string> = {}) => {
      const res = await list(fx.env, collection, { sort: 'id', ...params }, as);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      return res.ids;
    };

    before(async () => {
      fx = await buildFixture(dialect);
      const c = (body: Record<string, unknown>) => createCollection(fx.env, body);
      const owner = 'author = @request.auth.id';
      await c({ name: 'notes', ...rules(owner), fields: [{ name: 'title', type: 'text' }, rel('author', USERS)] });
      const locked = await c({ name: 'locked', fields: [{ name: 'note', type: 'text' }] });
      await c({
        name: 'staff',
        ...rules('', { listRule: "pin != 'hide'", updateRule: '@request.body.role:changed = false', deleteRule: null }),
        fields: [
          { name: 'name', type: 'text' },
          { name: 'role', type: 'select', values: ['admin', 'member'], maxSelect: 1 },
          { name: 'pin', type: 'text', hidden: true },
        ],
      });
      await c({
        name: 'articles',
        ...rules('', {
          createRule: '@request.body.title:isset = true && @request.body.tags:length <= 2',
          updateRule: '@request.body.views <= 10',
        }),
        fields: [
          { name: 'title', type: 'text' },
          { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
          { name: 'views', type: 'number' },
        ],
      });
      await c({
        name: 'projects',
        ...rules(MEMBERSHIP, { deleteRule: null }),
        fields: [{ name: 'name', type: 'text' }, rel('team', fx.ids.teams as string)],
      });
      await c({
        name: 'gated',
        listRule: "@request.headers.x_api_key = 'k-123'",
        viewRule: "@request.query.token = 'abc' && @request.method = 'GET'",
        createRule: "@request.method = 'POST' && @request.context = 'default'",
        updateRule: "@request.method = 'GET'",
        deleteRule: '@request.headers.x_api_key:isset = true',
        fields: [{ name: 'title', type: 'text' }],
      });
      const secrets = await c({
        name: 'secrets',
        listRule: "@request.context = 'default'",
        viewRule: "@request.context = 'expand'",
        fields: [{ name: 'title', type: 'text' }],
      });
      const privates = await c({
        name: 'privates',
        ...rules('owner = @request.auth.id'),
        fields: [rel('owner', USERS)],
      });
      await c({
        name: 'letters',
        ...rules(''),
        fields: [rel('secret', secrets.id), rel('private', privates.id), rel('locked', locked.id)],
      });
      await seed('notes', N.a1, { title: 'ana-1', author: U.ana });
      await seed('notes', N.a2, { title: 'ana-2', author: U.ana });
      await seed('notes', N.b1, { title: 'bo-1', author: U.bo });
      await seed('locked', rid('locked', 1), { note: 'l' });
      await seed('staff', STAFF.visible, { name: 'Sam', role: 'member' });
      await seed('staff', STAFF.hidden, { name: 'Kim', role: 'member', pin: 'hide' });
      await seed('articles', ART, { title: 'counted', views: 5 });
      await seed('projects', J.red1, { name: 'r1', team: T.red });
      await seed('projects', J.blue, { name: 'b', team: T.blue });
      await seed('projects', J.red2, { name: 'r2', team: T.red });
      await seed('gated', G, { title: 'g' });
      await seed('secrets', S1, { title: 'classified' });
      await seed('privates', PR.ana, { owner: U.ana });
      await seed('privates', PR.bo, { owner: U.bo });
      await seed('letters', X.x1, { secret: S1, private: PR.ana, locked: rid('locked', 1) });
      await seed('letters', X.x2, { private: PR.bo });
    });
    after(() => fx?.env.t.close());

    it('list: the rule hides rows, totals count only what is visible', async () => {
      assert.deepEqual(await ids('notes', 'ana'), [N.a1, N.a2]);
      assert.deepEqual(await ids('notes', 'bo'), [N.b1]);
      assert.deepEqual(await ids('notes', 'su'), [N.a1, N.a2, N.b1]);
      const page = await list(fx.env, 'notes', { sort: 'id', perPage: '1', page: '2' }, 'ana');
      assert.deepEqual(page.ids, [N.a2]);
      assert.deepEqual([page.json.page, page.json.perPage, page.json.totalItems, page.json.totalPages], [2, 1, 2, 2]);
      const guest = await list(fx.env, 'notes', {});
      assert.deepEqual([guest.status, guest.json.items, guest.json.totalItems, guest.json.totalPages], [200, [], 0, 0]);
      assert.deepEqual(await ids('notes', 'ana', { filter: "title ~ 'bo'" }), []);
      assert.deepEqual(await ids('notes', 'su', { filter: "title ~ 'bo'" }), [N.b1]);
    });

    it('view, update and delete of a record the rule denies answer exactly like a missing one (404)', async () => {
      for (const id of [N.b1, 'missingmissing1']) {
        assert.deepEqual(await expectStatus('GET', rec('notes', id), 404, undefined, 'ana'), NOT_FOUND);
        assert.deepEqual(await expectStatus('PATCH', rec('notes', id), 404, { title: 'hacked' }, 'ana'), NOT_FOUND);
        assert.deepEqual(await expectStatus('DELETE', rec('notes', id), 404, undefined, 'ana'), NOT_FOUND);
      }
      await expectStatus('GET', rec('notes', N.b1), 404);
      assert.equal((await expectStatus('GET', rec('notes', N.b1), 200, undefined, 'su')).title, 'bo-1');
      assert.equal((await expectStatus('PATCH', rec('notes', N.b1), 200, { title: 'bo-2' }, 'bo')).title, 'bo-2');
      await expectStatus('DELETE', rec('notes', N.a2), 204, undefined, 'ana');
      await seed('notes', N.a2, { title: 'ana-2', author: U.ana });
    });

    it('create is checked against the would-be record: 400 "Failed to create record." and nothing stored', async () => {
      await refusedCreate('notes', { title: 'spoof', author: U.bo }, 'ana');
      await refusedCreate('notes', { title: 'spoof', author: U.ana });
      const own = await expectStatus('POST', rec('notes'), 200, { title: 'mine', author: U.ana }, 'ana');
      assert.equal(own.author, U.ana);
      const anon = await expectStatus('POST', rec('notes'), 200, { title: 'anonymous' });
      assert.equal(anon.author, '', 'a guest has a null auth id, which equals the empty author (§5.3)');
      await refusedCreate('projects', { name: 'elsewhere', team: T.blue }, 'ana');
      assert.equal((await expectStatus('POST', rec('projects'), 200, { name: 'n', team: T.red }, 'ana')).team, T.red);
    });

    it('a null rule is 403 "Only superusers can perform this action." for users and guests', async () => {
      const id = rid('locked', 1);
      for (const as of ['ana', undefined]) {
        for (const [method, path, body] of [
          ['GET', rec('locked')],
          ['GET', rec('locked', id)],
          ['POST', rec('locked'), { note: 'x' }],
          ['PATCH', rec('locked', id), { note: 'x' }],
          ['PATCH', rec('locked', 'missingmissing1'), { note: 'x' }],
          ['DELETE', rec('locked', id)],
          ['DELETE', rec('projects', J.red1)],
        ] as Array<[string, string, unknown?]>) {
          assert.deepEqual(await expectStatus(method, path, 403, body, as), SUPERUSERS_ONLY);
        }
      }
      assert.deepEqual(await ids('locked', 'su'), [id]);
    });

    it('@request.body.role:changed = false forbids changing the field, modifiers included', async () => {
      const path = rec('staff', STAFF.visible);
      assert.equal((await expectStatus('PATCH', path, 200, { name: 'Sammy' }, 'ana')).name, 'Sammy');
      await expectStatus('PATCH', path, 200, { name: 'Sam', role: 'member' }, 'ana');
      assert.deepEqual(await expectStatus('PATCH', path, 404, { role: 'admin' }, 'ana'), NOT_FOUND);
      await expectStatus('PATCH', path, 404, { 'role-': 'member' }, 'ana');
      assert.equal((await expectStatus('GET', path, 200, undefined, 'ana')).role, 'member');
      assert.equal((await expectStatus('PATCH', path, 200, { role: 'admin' }, 'su')).role, 'admin');
    });

    it('rules may use hidden fields', async () => {
      assert.deepEqual(await ids('staff', 'ana'), [STAFF.visible]);
      assert.deepEqual(await ids('staff', 'su'), [STAFF.visible, STAFF.hidden]);
    });

    it('@request.body.title:isset and @request.body.tags:length see the body after modifiers', async () => {
      await refusedCreate('articles', { tags: ['a'] }, 'ana');
      await refusedCreate('articles', { title: 'three', tags: ['a', 'b', 'c'] }, 'ana');
      await refusedCreate('articles', { title: 'three', 'tags+': ['a', 'b', 'c'] }, 'ana');
      await expectStatus('POST', rec('articles'), 200, { title: '', tags: ['a'] }, 'ana');
      await expectStatus('POST', rec('articles'), 200, { title: 'two', tags: ['a', 'b'] }, 'ana');
      const dedup = await expectStatus('POST', rec('articles'), 200, { title: 'dup', tags: ['a', 'a', 'b'] }, 'ana');
      assert.deepEqual(dedup.tags, ['a', 'b']);
    });

    it('@request.body.views <= 10 is checked on the value after views+ / views-', async () => {
      const path = rec('articles', ART);
      const steps: Array<[Record<string, unknown>, number, number]> = [
        [{ views: 10 }, 200, 10],
        [{ views: 11 }, 404, 10],
        [{ 'views+': 1 }, 404, 10],
        [{ 'views-': 4 }, 200, 6],
        [{ 'views+': 3 }, 200, 9],
        [{ 'views+': 2 }, 404, 9],
        [{ views: '7' }, 200, 7],
      ];
      for (const [body, status, after] of steps) {
        await expectStatus('PATCH', path, status, body, 'ana');
        assert.equal((await expectStatus('GET', path, 200, undefined, 'su')).views, after, JSON.stringify(body));
      }
    });

    it('checks the rule before validating the body (§1.3)', async () => {
      await refusedCreate('articles', { tags: ['zzz'] }, 'ana');
      const invalid = await expectStatus('POST', rec('articles'), 400, { title: 'x', tags: ['zzz'] }, 'ana');
      assert.equal(invalid.data.tags?.code, 'validation_invalid_value');
      const path = rec('articles', ART);
      assert.deepEqual(await expectStatus('PATCH', path, 404, { views: 11, tags: ['zzz'] }, 'ana'), NOT_FOUND);
      const bad = await expectStatus('PATCH', path, 400, { views: 1, tags: ['zzz'] }, 'ana');
      assert.deepEqual([bad.message, bad.data.tags?.code], ['Failed to update record.', 'validation_invalid_value']);
    });

    it('team membership through @collection.members', async () => {
      assert.deepEqual(await ids('projects', 'ana', { filter: "name ~ 'r'" }), [J.red1, J.red2]);
      assert.deepEqual(await ids('projects', 'bo', { filter: "name ~ 'r'" }), [J.red1, J.red2]);
      assert.deepEqual(await ids('projects', 'cy'), [J.blue]);
      assert.deepEqual(await ids('projects'), []);
      await expectStatus('GET', rec('projects', J.blue), 404, undefined, 'ana');
      await expectStatus('GET', rec('projects', J.blue), 200, undefined, 'cy');
      await expectStatus('PATCH', rec('projects', J.blue), 404, { name: 'x' }, 'bo');
      assert.equal((await expectStatus('PATCH', rec('projects', J.blue), 200, { name: 'bb' }, 'cy')).name, 'bb');
    });

    it('@request.headers, @request.query, @request.method and @request.context', async () => {
      const key = { 'X-Api-Key': 'k-123' };
      assert.deepEqual((await list(fx.env, 'gated', {}, 'ana')).ids, []);
      assert.deepEqual((await list(fx.env, 'gated', {}, 'ana', key)).ids, [G]);
      assert.deepEqual((await list(fx.env, 'gated', {}, 'ana', { 'X-Api-Key': 'k-124' })).ids, []);
      await expectStatus('GET', rec('gated', G), 404, undefined, 'ana');
      await expectStatus('GET', `${rec('gated', G)}?token=abd`, 404, undefined, 'ana');
      await expectStatus('GET', `${rec('gated', G)}?token=abc`, 200, undefined, 'ana');
      await expectStatus('POST', rec('gated'), 200, { title: 'new' }, 'ana');
      await expectStatus('PATCH', rec('gated', G), 404, { title: 'x' }, 'ana', key);
      await expectStatus('DELETE', rec('gated', G), 404, undefined, 'ana');
      await expectStatus('DELETE', rec('gated', G), 204, undefined, 'ana', { 'X-Api-Key': 'anything' });
    });

    it("expand applies each related collection's viewRule (context 'expand'), silently", async () => {
      await expectStatus('GET', rec('secrets', S1), 404, undefined, 'ana');
      assert.deepEqual((await list(fx.env, 'secrets', {}, 'ana')).ids, [S1]);
      const expand = 'secret,private,locked';
      const seen = async (as?: string) => {
        const res = await list(fx.env, 'letters', { sort: 'id', expand }, as);
        assert.equal(res.status, 200, JSON.stringify(res.json));
        return res.json.items.map((item: any) =>
          Object.fromEntries(
            Object.entries(item.expand ?? { missing: true }).map(([k, v]: [string, any]) => [k, v.id]),
          ),
        );
      };
      assert.deepEqual(await seen('ana'), [{ secret: S1, private: PR.ana }, {}]);
      assert.deepEqual(await seen('bo'), [{ secret: S1 }, { private: PR.bo }]);
      assert.deepEqual(await seen(), [{ secret: S1 }, {}]);
      assert.deepEqual(await seen('su'), [
        { secret: S1, private: PR.ana, locked: rid('locked', 1) },
        { private: PR.bo },
      ]);
    });

    it('rules that do not resolve are refused when the collection is saved', async () => {
      for (const updateRule of ['title:changed = false', 'nope = 1', "title = 'x' &&"]) {
        const res = await req('PATCH', '/api/collections/notes', { updateRule }, 'su');
        assert.equal(res.status, 400, `${updateRule}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.data?.updateRule?.code, 'validation_invalid_rule', updateRule);
      }
      await expectStatus('PATCH', rec('notes', N.b1), 404, { title: 'still protected' }, 'ana');
    });
  });
}
