import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';

const JOBS = [
  { title: 'Senior TypeScript engineer', city: 'Berlin', remote: true },
  { title: 'Senior Go engineer', city: 'Zürich', remote: false },
  { title: 'Frontend developer', city: 'Berlin', remote: true },
  { title: 'Engineering manager', city: 'München', remote: false },
];

for (const dialect of DIALECTS) {
  describe(`full-text search through the JS SDK (${dialect})`, () => {
    let t: TestApp;
    let pb: PocketBase;
    let guest: PocketBase;

    before(async () => {
      t = await startApp({ dialect });
      pb = new PocketBase(t.url);
      pb.autoCancellation(false);
      pb.authStore.save(await t.superuserToken(), null);
      guest = new PocketBase(t.url);
      guest.autoCancellation(false);
      const jobs = await pb.collections.create({
        name: 'jobs',
        type: 'base',
        listRule: 'remote = true',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'city', type: 'text' },
          { name: 'remote', type: 'bool' },
        ],
        searchFields: ['title'],
      });
      assert.deepEqual(jobs.searchFields, ['title']);
      for (const job of JOBS) await pb.collection('jobs').create(job);
    });
    after(async () => {
      await t?.close();
    });

    it('getList with search: every word, the last as a prefix, exact totals', async () => {
      const page = await pb.collection('jobs').getList(1, 20, { search: 'senior eng' });
      assert.equal(page.totalItems, 2);
      assert.deepEqual(page.items.map((j) => j.title).sort(), ['Senior Go engineer', 'Senior TypeScript engineer']);
    });

    it('the list rule and filter apply; @rank sorts', async () => {
      const page = await guest.collection('jobs').getList(1, 20, {
        search: 'engineer',
        filter: 'city = "Berlin"',
        sort: '-@rank,title',
      });
      assert.deepEqual(
        page.items.map((j) => j.title),
        ['Senior TypeScript engineer'],
      );
      const all = await guest.collection('jobs').getFullList({ search: 'eng', sort: '-@rank' });
      assert.deepEqual(
        all.map((j) => j.title),
        ['Senior TypeScript engineer'],
      );
    });

    it('fields with :highlight', async () => {
      const items = await pb.collection('jobs').getFullList({ search: 'go', fields: 'title:highlight' });
      assert.deepEqual(items, [{ title: 'Senior <mark>Go</mark> engineer' }]);
    });

    it('changing searchFields through collections.update', async () => {
      await pb.collections.update('jobs', { searchFields: ['title', 'city'] });
      const page = await pb.collection('jobs').getList(1, 20, { search: 'zurich senior' });
      assert.deepEqual(
        page.items.map((j) => j.title),
        ['Senior Go engineer'],
      );
      await assert.rejects(
        pb.collections.update('jobs', { searchFields: ['remote'] }),
        (err: ClientResponseError) => err.status === 400 && err.response.data.searchFields[0].code !== undefined,
      );
    });

    it('search without searchFields is a 400 the SDK reports', async () => {
      await assert.rejects(
        pb.collection('users').getList(1, 20, { search: 'x' }),
        (err: ClientResponseError) => err.status === 400 && /not enabled/.test(err.message),
      );
    });
  });
}
