import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import { sql } from '../../src/store/sql.js';
import { DIALECTS, startApp, TEST_SUPERUSER, type TestApp } from '../harness/index.js';

const SECOND = { email: 'second@example.com', password: 'second-password-1' };
const THIRD = { email: 'third@example.com', password: 'third-password-1' };

interface Approval {
  id: string;
  action: string;
  target: string;
  status: string;
  requesterEmail: string;
  decidedByEmail: string;
  payload: Record<string, unknown>;
  result: { ok?: boolean; error?: { message: string } };
}

async function failure(fn: () => Promise<unknown>): Promise<ClientResponseError> {
  try {
    await fn();
  } catch (e) {
    assert.equal(typeof (e as ClientResponseError).status, 'number', `expected a ClientResponseError, got ${e}`);
    return e as ClientResponseError;
  }
  assert.fail('expected the request to fail');
}

for (const dialect of DIALECTS) {
  describe(`two-person rule (${dialect})`, () => {
    let t: TestApp;
    let first: PocketBase;
    let second: PocketBase;

    /** A raw request as the first superuser, for the status code the SDK hides. */
    const raw = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${t.url}${path}`, {
        method,
        headers: { authorization: first.authStore.token, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
    };

    const pending = async (pb: PocketBase) =>
      (await pb.send<{ items: Approval[] }>('/api/approvals', { query: { filter: 'status = "pending"' } })).items;

    before(async () => {
      t = await startApp({ dialect });
      await t.superuserToken();
      first = new PocketBase(t.url);
      await first.collection('_superusers').authWithPassword(TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await first.collections.create({ name: 'posts', type: 'base', fields: [{ name: 'title', type: 'text' }] });
      await first.collections.create({ name: 'notes', type: 'base', fields: [{ name: 'body', type: 'text' }] });
      await first.collection('posts').create({ title: 'kept' });
    });
    after(() => t.close());

    it('cannot be turned on with a single superuser', async () => {
      const err = await failure(() => first.settings.update({ twoPersonRule: { enabled: true } }));
      assert.equal(err.status, 400);
      assert.equal(
        (err.response.data as Record<string, Record<string, { code: string }>>).twoPersonRule?.enabled?.code,
        'validation_two_superusers_required',
      );
      assert.equal((await first.settings.getAll()).twoPersonRule.enabled, false);
    });

    it('refuses an approval timeout out of range', async () => {
      const err = await failure(() => first.settings.update({ twoPersonRule: { approvalTimeout: 5 } }));
      assert.equal(err.status, 400);
      assert.ok(err.response.data.twoPersonRule.approvalTimeout);
    });

    it('turns on with two superusers', async () => {
      await first.collection('_superusers').create({ ...SECOND, passwordConfirm: SECOND.password });
      second = new PocketBase(t.url);
      await second.collection('_superusers').authWithPassword(SECOND.email, SECOND.password);
      const settings = await first.settings.update({ twoPersonRule: { enabled: true } });
      assert.equal(settings.twoPersonRule.enabled, true);
    });

    it('holds back a collection delete until a different superuser approves it', async () => {
      // the SDK call resolves (the server accepted the request) but nothing is deleted yet
      assert.equal(await first.collections.delete('posts'), true);
      assert.equal((await first.collections.getOne('posts')).name, 'posts');
      const [approval] = await pending(second);
      assert.ok(approval);
      assert.equal(approval.action, 'collections.delete');
      assert.equal(approval.target, 'posts');
      assert.equal(approval.requesterEmail, TEST_SUPERUSER.email);

      const own = await failure(() => first.send(`/api/approvals/${approval.id}/approve`, { method: 'POST' }));
      assert.equal(own.status, 403);
      assert.equal(own.message, 'You cannot approve your own request.');
      assert.equal((await first.collections.getOne('posts')).name, 'posts');

      const decided = await second.send<Approval>(`/api/approvals/${approval.id}/approve`, { method: 'POST' });
      assert.equal(decided.status, 'approved');
      assert.equal(decided.decidedByEmail, SECOND.email);
      assert.deepEqual(decided.result, { ok: true });
      assert.equal((await failure(() => first.collections.getOne('posts'))).status, 404);

      const again = await failure(() => second.send(`/api/approvals/${approval.id}/approve`, { method: 'POST' }));
      assert.equal(again.status, 400);
      assert.equal(again.message, 'The approval request was already decided.');
    });

    it('answers 202 with the approval, and a rejected one never runs', async () => {
      await first.collection('notes').create({ body: 'still here' });
      const res = await raw('DELETE', '/api/collections/notes/truncate');
      assert.equal(res.status, 202);
      assert.equal(res.body.status, 'pending');
      assert.equal(res.body.action, 'collections.truncate');
      const rejected = await second.send<Approval>(`/api/approvals/${res.body.id}/reject`, { method: 'POST' });
      assert.equal(rejected.status, 'rejected');
      assert.equal((await first.collection('notes').getFullList()).length, 1);
      const late = await failure(() => second.send(`/api/approvals/${res.body.id}/approve`, { method: 'POST' }));
      assert.equal(late.status, 400);
    });

    it('refuses unknown and expired approvals with clear errors', async () => {
      const unknown = await failure(() => second.send('/api/approvals/nosuchapproval/approve', { method: 'POST' }));
      assert.equal(unknown.status, 404);
      const res = await raw('DELETE', '/api/collections/notes');
      assert.equal(res.status, 202);
      await t.app.store.run(
        sql`UPDATE "_approvals" SET "expires" = ${'2000-01-01 00:00:00.000Z'} WHERE "id" = ${String(res.body.id)}`,
      );
      const expired = await failure(() => second.send(`/api/approvals/${res.body.id}/approve`, { method: 'POST' }));
      assert.equal(expired.status, 400);
      assert.equal(expired.message, 'The approval request has expired.');
      const view = await second.send<Approval>(`/api/approvals/${res.body.id}`, {});
      assert.equal(view.status, 'expired');
      assert.equal((await first.collections.getOne('notes')).name, 'notes');
    });

    it('checks the request before holding it: unknown collections are 404 at once', async () => {
      const res = await raw('DELETE', '/api/collections/nosuchcollection');
      assert.equal(res.status, 404);
      assert.equal((await pending(second)).length, 0);
    });

    it('holds an import only when it would delete a collection', async () => {
      const all = (await first.collections.getFullList()).filter((c) => !c.system);
      const kept = await raw('PUT', '/api/collections/import', { collections: all, deleteMissing: true });
      assert.equal(kept.status, 204);
      const others = all.filter((c) => c.name !== 'notes');
      const held = await raw('PUT', '/api/collections/import', { collections: others, deleteMissing: true });
      assert.equal(held.status, 202);
      assert.equal((await first.collections.getOne('notes')).name, 'notes');
      const decided = await second.send<Approval>(`/api/approvals/${held.body.id}/approve`, { method: 'POST' });
      assert.equal(decided.status, 'approved');
      assert.equal((await failure(() => first.collections.getOne('notes'))).status, 404);
    });

    it('holds back deleting a superuser, never lets it through a batch, and keeps two superusers', async () => {
      const lonely = await raw('DELETE', `/api/collections/_superusers/records/${second.authStore.record?.id}`);
      assert.equal(lonely.status, 400);
      assert.equal(lonely.body.message, 'The two-person rule needs at least two superusers to remain.');

      const third = await first.collection('_superusers').create({ ...THIRD, passwordConfirm: THIRD.password });
      await first.settings.update({ batch: { enabled: true } });
      const batch = first.createBatch();
      batch.collection('_superusers').delete(third.id);
      const batchErr = await failure(() => batch.send());
      assert.equal(batchErr.status, 400);

      const res = await raw('DELETE', `/api/collections/_superusers/records/${third.id}`);
      assert.equal(res.status, 202);
      assert.equal(res.body.action, 'superusers.delete');
      assert.equal((await first.collection('_superusers').getOne(third.id)).email, THIRD.email);
      const decided = await second.send<Approval>(`/api/approvals/${res.body.id}/approve`, { method: 'POST' });
      assert.equal(decided.status, 'approved');
      assert.equal((await failure(() => first.collection('_superusers').getOne(third.id))).status, 404);
    });

    it('holds back deleting and restoring a backup; a missing backup is refused at once', async () => {
      await first.backups.create('guarded.zip');
      const held = await raw('DELETE', '/api/backups/guarded.zip');
      assert.equal(held.status, 202);
      assert.equal(held.body.action, 'backups.delete');
      assert.equal(held.body.target, 'guarded.zip');
      assert.ok((await first.backups.getFullList()).some((b) => b.key === 'guarded.zip'));
      const decided = await second.send<Approval>(`/api/approvals/${held.body.id}/approve`, { method: 'POST' });
      assert.equal(decided.status, 'approved');
      assert.equal(
        (await first.backups.getFullList()).some((b) => b.key === 'guarded.zip'),
        false,
      );

      await first.backups.create('kept.zip');
      const restore = await raw('POST', '/api/backups/kept.zip/restore');
      assert.equal(restore.status, 202);
      assert.equal(restore.body.action, 'backups.restore');
      const rejected = await second.send<Approval>(`/api/approvals/${restore.body.id}/reject`, { method: 'POST' });
      assert.equal(rejected.status, 'rejected');
      assert.equal((await raw('POST', '/api/backups/nosuch.zip/restore')).status, 400);
      assert.equal((await raw('DELETE', '/api/backups/nosuch.zip')).status, 400);
    });

    it('holds back changing the rule itself; other settings change at once', async () => {
      const meta = await first.settings.update({ meta: { appName: 'Guarded' } });
      assert.equal(meta.meta.appName, 'Guarded');
      const res = await raw('PATCH', '/api/settings', { twoPersonRule: { enabled: false } });
      assert.equal(res.status, 202);
      assert.equal(res.body.action, 'settings.twoPersonRule');
      assert.equal((await first.settings.getAll()).twoPersonRule.enabled, true);
      const decided = await second.send<Approval>(`/api/approvals/${res.body.id}/approve`, { method: 'POST' });
      assert.equal(decided.status, 'approved');
      assert.equal((await first.settings.getAll()).twoPersonRule.enabled, false);
      // with the rule off, destructive actions run at once again
      assert.equal((await raw('DELETE', '/api/collections/users/truncate')).status, 204);
    });

    it('lists approvals for superusers only, with the filter language and paging', async () => {
      const page = await second.send<{ items: Approval[]; totalItems: number; page: number }>('/api/approvals', {
        query: { filter: 'status = "approved" && action ~ "collections."', perPage: 1 },
      });
      assert.equal(page.page, 1);
      assert.equal(page.totalItems, 2);
      assert.equal(page.items.length, 1);
      const bad = await failure(() => second.send('/api/approvals', { query: { filter: 'nosuchfield = 1' } }));
      assert.equal(bad.status, 400);
      const guest = await fetch(`${t.url}/api/approvals`);
      assert.equal(guest.status, 401);
      await guest.arrayBuffer();
    });
  });
}
