import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import PocketBaseLatest from 'pocketbase-latest';
import { DIALECTS } from '../harness/index.js';
import type { RecordsEnv } from '../records/setup.js';
import { allRecords, makeBatchEnv, setBatch } from './setup.js';

/** Both SDK releases: their `createBatch()` is the same. */
const SDKS = [
  { name: 'pocketbase 0.26', PocketBase },
  { name: 'pocketbase-latest', PocketBase: PocketBaseLatest as unknown as typeof PocketBase },
];

for (const dialect of DIALECTS) {
  describe(`pb.createBatch() (${dialect})`, () => {
    let env: RecordsEnv;

    before(async () => {
      env = await makeBatchEnv(dialect);
    });
    after(() => env?.t.close());

    for (const sdk of SDKS) {
      describe(sdk.name, () => {
        let pb: PocketBase;
        before(() => {
          pb = new sdk.PocketBase(env.t.url);
          pb.autoCancellation(false);
          pb.authStore.save(env.tokens.su as string);
        });

        it('creates, updates, upserts and deletes across collections in one transaction', async () => {
          const seed = pb.createBatch();
          seed.collection('posts').create({ title: 'to update' });
          seed.collection('posts').create({ title: 'to delete' });
          seed.collection('tags').create({ name: 'seeded' });
          const [toUpdate, toDelete, tag] = (await seed.send()).map((r) => r.body.id as string);

          const batch = pb.createBatch();
          batch.collection('posts').create({ title: 'created by the sdk' }, { fields: 'id,title' });
          batch.collection('posts').update(toUpdate as string, { title: 'updated by the sdk' });
          batch.collection('posts').upsert({ id: toUpdate, title: 'upserted by the sdk' });
          batch.collection('posts').upsert({ title: 'upsert-created by the sdk' });
          batch.collection('posts').delete(toDelete as string);
          batch.collection('tags').update(tag as string, { name: 'renamed' });
          const results = await batch.send();

          assert.deepEqual(
            results.map((r) => r.status),
            [200, 200, 200, 200, 204, 200],
          );
          assert.deepEqual(Object.keys(results[0]?.body).sort(), ['id', 'title']);
          assert.equal(results[1]?.body.title, 'updated by the sdk');
          assert.equal(results[2]?.body.id, toUpdate);
          assert.equal(results[2]?.body.title, 'upserted by the sdk');
          assert.equal(results[3]?.body.title, 'upsert-created by the sdk');
          assert.equal(results[4]?.body, null);

          const updated = await pb.collection('posts').getOne(toUpdate as string);
          assert.equal(updated.title, 'upserted by the sdk');
          await assert.rejects(
            pb.collection('posts').getOne(toDelete as string),
            (e: ClientResponseError) => e.status === 404,
          );
          assert.equal((await pb.collection('tags').getOne(tag as string)).name, 'renamed');
        });

        it('rolls back on the first failure and reports its index', async () => {
          const before = await allRecords(env, 'posts');
          const batch = pb.createBatch();
          batch.collection('posts').create({ title: 'rolled back' });
          batch.collection('posts').create({ title: '' });
          batch.collection('tags').create({ name: 'never' });
          const err = await batch.send().then(
            () => assert.fail('the batch must fail'),
            (e: ClientResponseError) => e,
          );
          assert.equal(err.status, 400);
          assert.equal(err.response.message, 'Batch transaction failed.');
          const failed = err.response.data.requests['1'];
          assert.equal(failed.code, 'batch_request_failed');
          assert.equal(failed.response.status, 400);
          assert.equal(failed.response.data.title.code, 'validation_required');
          assert.deepEqual(await allRecords(env, 'posts'), before);
        });

        it('gets 403 when batches are off', async () => {
          setBatch(env.t, { enabled: false });
          try {
            const batch = pb.createBatch();
            batch.collection('posts').create({ title: 'refused' });
            const err = await batch.send().then(
              () => assert.fail('the batch must be refused'),
              (e: ClientResponseError) => e,
            );
            assert.equal(err.status, 403);
            assert.equal(err.response.message, 'Batch requests are not allowed.');
          } finally {
            setBatch(env.t, { enabled: true });
          }
        });
      });
    }
  });
}
