import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { ClientResponseError, type RecordModel } from 'pocketbase';
import PocketBaseLatest, { ClientResponseError as ClientResponseErrorLatest } from 'pocketbase-latest';
import {
  DIALECTS,
  type DialectSetup,
  runCli,
  type ServerProcess,
  setupDialect,
  startProcess,
} from '../harness/index.js';

/** Both SDK releases, driven through the same scenarios (their public API is the same). */
const SDKS = [
  { name: 'pocketbase 0.26', PocketBase, ClientResponseError },
  {
    name: 'pocketbase-latest',
    PocketBase: PocketBaseLatest as unknown as typeof PocketBase,
    ClientResponseError: ClientResponseErrorLatest as unknown as typeof ClientResponseError,
  },
];

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const USER = { email: 'ana@example.com', password: 'ana-password-1' };
const DATE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/;

const FIELDS = [
  { name: 'title', type: 'text', required: true },
  { name: 'body', type: 'editor' },
  { name: 'count', type: 'number' },
  { name: 'active', type: 'bool' },
  { name: 'contact', type: 'email' },
  { name: 'site', type: 'url' },
  { name: 'due', type: 'date' },
  { name: 'status', type: 'select', values: ['draft', 'published'], maxSelect: 1 },
  { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
  { name: 'attachment', type: 'file', maxSelect: 1, maxSize: 1024 * 1024 },
  { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
  { name: 'meta', type: 'json' },
  { name: 'place', type: 'geoPoint' },
  { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
  { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
];

for (const dialect of DIALECTS)
  for (const sdk of SDKS) {
    describe(`JS SDK: ${sdk.name} (${dialect})`, () => {
      let proc: ServerProcess;
      let db: DialectSetup;
      let dbArgs: string[] = [];
      let pb: PocketBase;
      let userId = '';
      const ids: Record<string, string> = {};

      /** Runs `fn`, expecting it to reject with the SDK's ClientResponseError; returns the error. */
      async function failure(fn: () => Promise<unknown>): Promise<ClientResponseError> {
        try {
          await fn();
        } catch (e) {
          assert.ok(e instanceof sdk.ClientResponseError, `expected a ClientResponseError, got ${e}`);
          return e;
        }
        assert.fail('expected the request to fail');
      }

      before(async () => {
        db = await setupDialect(dialect);
        dbArgs = db.flags.db ? [`--db=${db.flags.db}`] : [];
        proc = await startProcess({ args: dbArgs });
        pb = new sdk.PocketBase(proc.url);
        pb.autoCancellation(false);
      });
      after(async () => {
        await proc?.stop();
        await db?.cleanup();
      });

      it('answers the health check', async () => {
        const health = await pb.health.check();
        assert.equal(health.code, 200);
        assert.equal(health.message, 'API is healthy.');
      });

      it('signs in as a superuser created with `basalt superuser upsert`', async () => {
        const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${proc.dir}`, ...dbArgs]);
        assert.equal(cli.status, 0, cli.stderr);
        const auth = await pb.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
        assert.equal(auth.record.email, ADMIN.email);
        assert.equal(typeof auth.token, 'string');
        assert.ok(pb.authStore.isValid);
        assert.ok(pb.authStore.isSuperuser);
      });

      it('creates a collection with every field type', async () => {
        const created = await pb.collections.create({ name: 'everything', type: 'base', fields: FIELDS });
        assert.match(created.id, /^pbc_\d+$/);
        assert.equal(created.name, 'everything');
        const byName = new Map(created.fields.map((f) => [f.name, f]));
        assert.equal(byName.get('id')?.type, 'text');
        for (const f of FIELDS) assert.equal(byName.get(f.name)?.type, f.type, f.name);
        assert.deepEqual(byName.get('tags')?.values, ['a', 'b', 'c']);
        assert.equal((await pb.collections.getOne('everything')).id, created.id);
      });

      it('signs a user up, in, and refreshes the token', async () => {
        const guest = new sdk.PocketBase(proc.url);
        const signup = { ...USER, passwordConfirm: USER.password, name: 'Ana' };
        const user = await guest.collection('users').create(signup);
        assert.match(user.id, /^[a-z0-9]{15}$/);
        assert.equal(user.name, 'Ana');
        assert.equal(user.verified, false);
        assert.ok(!('password' in user) && !('tokenKey' in user));
        userId = user.id;

        const auth = await guest.collection('users').authWithPassword(USER.email, USER.password);
        assert.equal(auth.record.id, userId);
        assert.equal(auth.record.email, USER.email);
        assert.ok(guest.authStore.isValid);
        assert.ok(!guest.authStore.isSuperuser);

        const refreshed = await guest.collection('users').authRefresh();
        assert.equal(refreshed.record.id, userId);
        assert.ok(guest.authStore.isValid);
        const own = await guest.collection('users').getList();
        assert.deepEqual(
          own.items.map((u) => u.id),
          [userId],
        );

        const wrong = await failure(() => guest.collection('users').authWithPassword(USER.email, 'wrong-password'));
        assert.equal(wrong.status, 400);
        assert.deepEqual(wrong.response, { data: {}, message: 'Failed to authenticate.', status: 400 });
      });

      it('creates records with every field type and JSON values', async () => {
        const records = pb.collection('everything');
        const first = await records.create({
          title: 'first',
          body: '<p>Hello <b>rich</b> world</p>',
          count: 3,
          active: true,
          contact: 'someone@example.com',
          site: 'https://example.com/page',
          due: '2026-01-02 03:04:05.000Z',
          status: 'draft',
          tags: ['a', 'b'],
          owner: userId,
          meta: { nested: { ok: true }, list: [1, 2] },
          place: { lon: 23.32, lat: 42.69 },
        });
        assert.match(first.id, /^[a-z0-9]{15}$/);
        assert.equal(first.collectionName, 'everything');
        assert.equal(first.title, 'first');
        assert.equal(first.body, '<p>Hello <b>rich</b> world</p>');
        assert.equal(first.count, 3);
        assert.equal(first.active, true);
        assert.equal(first.contact, 'someone@example.com');
        assert.equal(first.site, 'https://example.com/page');
        assert.equal(first.due, '2026-01-02 03:04:05.000Z');
        assert.equal(first.status, 'draft');
        assert.deepEqual(first.tags, ['a', 'b']);
        assert.equal(first.attachment, '');
        assert.equal(first.owner, userId);
        assert.deepEqual(first.meta, { nested: { ok: true }, list: [1, 2] });
        assert.deepEqual(first.place, { lon: 23.32, lat: 42.69 });
        assert.match(first.created, DATE_TIME);
        assert.match(first.updated, DATE_TIME);

        const second = await records.create({ title: 'second', count: 10, status: 'published', tags: ['c'] });
        assert.equal(second.active, false);
        assert.equal(second.attachment, '');
        assert.equal(second.meta, null);
        assert.deepEqual(second.place, { lon: 0, lat: 0 });
        const third = await records.create({ title: 'third', count: 5 });
        Object.assign(ids, { first: first.id, second: second.id, third: third.id });
      });

      it('lists records: getList, getFullList and getFirstListItem', async () => {
        const records = pb.collection('everything');
        const titles = (items: RecordModel[]) => items.map((r) => r.title);
        const page1 = await records.getList(1, 2, { sort: 'title' });
        assert.equal(page1.page, 1);
        assert.equal(page1.perPage, 2);
        assert.equal(page1.totalItems, 3);
        assert.equal(page1.totalPages, 2);
        assert.deepEqual(titles(page1.items), ['first', 'second']);
        assert.deepEqual(titles((await records.getList(2, 2, { sort: 'title' })).items), ['third']);
        assert.deepEqual(titles(await records.getFullList({ sort: '-count' })), ['second', 'third', 'first']);
        assert.deepEqual(titles(await records.getFullList({ sort: 'count', batch: 2 })), ['first', 'third', 'second']);
        const found = await records.getFirstListItem(pb.filter('title = {:title}', { title: 'second' }));
        assert.equal(found.id, ids.second);
        const filtered = await records.getList(1, 30, { filter: 'count >= 5 && status != "draft"', sort: 'count' });
        assert.deepEqual(titles(filtered.items), ['third', 'second']);
        const none = await failure(() => records.getFirstListItem('title = "nope"'));
        assert.equal(none.status, 404);
      });

      it('views a record with expand and fields', async () => {
        const records = pb.collection('everything');
        const expanded = await records.getOne(ids.first as string, { expand: 'owner' });
        assert.equal(expanded.expand?.owner?.id, userId);
        assert.equal(expanded.expand?.owner?.email, USER.email);
        const picked = await records.getOne(ids.first as string, { fields: 'id,title,body:excerpt(10,true)' });
        assert.deepEqual(picked, { id: ids.first, title: 'first', body: 'Hello rich...' });
      });

      it('updates a record, with field modifiers', async () => {
        const updated = await pb
          .collection('everything')
          .update(ids.second as string, { title: 'second!', 'count+': 5, 'tags+': 'a' });
        assert.equal(updated.title, 'second!');
        assert.equal(updated.count, 15);
        assert.deepEqual(updated.tags, ['c', 'a']);
        assert.ok(updated.updated >= updated.created);
      });

      it('deletes a record; reading it again is a 404 ClientResponseError', async () => {
        const records = pb.collection('everything');
        assert.equal(await records.delete(ids.third as string), true);
        const err = await failure(() => records.getOne(ids.third as string));
        assert.equal(err.status, 404);
        assert.equal(err.isAbort, false);
        assert.match(err.url, /\/api\/collections\/everything\/records\/[a-z0-9]{15}$/);
        assert.deepEqual(err.response, { data: {}, message: "The requested resource wasn't found.", status: 404 });
        assert.equal(err.message, "The requested resource wasn't found.");
      });

      it('reports validation failures as a 400 ClientResponseError keyed by field', async () => {
        const err = await failure(() =>
          pb.collection('everything').create({ title: '', contact: 'not-an-email', status: 'archived' }),
        );
        assert.equal(err.status, 400);
        assert.equal(err.message, 'Failed to create record.');
        assert.equal(err.response.message, 'Failed to create record.');
        assert.equal(err.response.status, 400);
        assert.equal(err.response.data.title?.code, 'validation_required');
        assert.equal(err.response.data.contact?.code, 'validation_is_email');
        assert.equal(err.response.data.status?.code, 'validation_invalid_value');

        const guest = new sdk.PocketBase(proc.url);
        const mismatch = await failure(() =>
          guest
            .collection('users')
            .create({ email: 'bo@example.com', password: 'bo-password-1', passwordConfirm: 'x' }),
        );
        assert.equal(mismatch.status, 400);
        assert.equal(mismatch.response.data.passwordConfirm?.code, 'validation_values_mismatch');
      });
    });
  }
