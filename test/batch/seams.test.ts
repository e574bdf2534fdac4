import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseBatchRequests } from '../../src/core/batch/request.js';
import { resolveBatchTargets } from '../../src/core/batch/resolve.js';
import { BatchRequestFailure, type BatchStep, runBatch } from '../../src/core/batch/run.js';
import { Errors } from '../../src/core/errors.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import { DIALECTS } from '../harness/index.js';
import type { RecordsEnv } from '../records/setup.js';
import { allRecords, makeBatchEnv } from './setup.js';

/** What a rate limiter (or any per-collection rule) gets to see of a batch's sub-requests. */
for (const dialect of DIALECTS) {
  describe(`batch seams for per-collection limits (${dialect})`, () => {
    let env: RecordsEnv;
    before(async () => {
      env = await makeBatchEnv(dialect);
    });
    after(() => env?.t.close());

    const P = '/api/collections/posts/records';
    const requests = () =>
      parseBatchRequests(
        {
          requests: [
            { method: 'POST', url: P, body: { title: 'one' } },
            { method: 'PUT', url: P, body: { title: 'two' } },
            { method: 'DELETE', url: '/api/collections/tags/records/abc' },
            { method: 'POST', url: '/api/collections/nope/records' },
            { method: 'GET', url: '/api/settings' },
          ],
        },
        50,
      );

    it('resolves every sub-request to its collection and action without running it', () => {
      const targets = resolveBatchTargets(env.t.app, requests()).map((t) => ({
        index: t.index,
        action: t.action,
        collection: t.collection?.name,
      }));
      assert.deepEqual(targets, [
        { index: 0, action: 'create', collection: 'posts' },
        { index: 1, action: 'upsert', collection: 'posts' },
        { index: 2, action: 'delete', collection: 'tags' },
        { index: 3, action: 'create', collection: undefined },
        { index: 4, action: null, collection: undefined },
      ]);
    });

    it('calls beforeEach with the final action of each sub-request; a throw fails it and rolls back', async () => {
      const seen: string[] = [];
      const beforeEach = (step: BatchStep) => {
        seen.push(`${step.index} ${step.collection.name}:${step.action}`);
        if (step.index === 1) throw Errors.rateLimited();
      };
      const before = await allRecords(env, 'posts');
      const batch = parseBatchRequests(
        {
          requests: [
            { method: 'POST', url: P, body: { title: 'counted' } },
            { method: 'PUT', url: P, body: { title: 'limited' } },
          ],
        },
        50,
      );
      const err = await runBatch(env.t.app, batch, { info: requestInfo(SYSTEM), timeoutMs: 3000, beforeEach }).then(
        () => assert.fail('the second sub-request must fail'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof BatchRequestFailure);
      assert.equal(err.index, 1);
      assert.equal((err.cause as Error).message, 'Too Many Requests.');
      assert.deepEqual(seen, ['0 posts:create', '1 posts:create']);
      assert.deepEqual(await allRecords(env, 'posts'), before);
    });
  });
}
