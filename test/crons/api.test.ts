import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { flushLogs } from '../../src/core/logs/index.js';
import { createRecord } from '../../src/core/records/service.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import { formatDate } from '../../src/lib/time.js';
import { sql } from '../../src/store/sql.js';
import { createUser, DIALECTS, startApp, type TestApp, type TestUser } from '../harness/index.js';
import { eventually } from './helpers.js';

const BUILTIN = [
  { id: '__basaltFilesCleanup__', expression: '17 3 * * *' },
  { id: '__basaltWebhookDeliveriesCleanup__', expression: '41 4 * * *' },
  { id: '__pbDBOptimize__', expression: '0 0 * * *' },
  { id: '__pbLogsCleanup__', expression: '0 */6 * * *' },
  { id: '__pbMFACleanup__', expression: '0 * * * *' },
  { id: '__pbOTPCleanup__', expression: '0 * * * *' },
];
/** An expression that will not tick during a test run: jobs with it run only by hand. */
const NEVER_SOON = '0 0 1 1 *';

async function call(t: TestApp, method: string, path: string, token = '') {
  const res = await fetch(t.url + path, { method, headers: token ? { authorization: token } : {} });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** A row of `_otps` or `_mfas` for `user`, created `ageSeconds` ago. */
async function authRow(t: TestApp, table: '_otps' | '_mfas', user: TestUser, ageSeconds: number): Promise<string> {
  const users = t.app.collections.find('users');
  const target = t.app.collections.find(table);
  assert.ok(users && target);
  const data: Record<string, unknown> =
    table === '_otps'
      ? { collectionRef: users.id, recordRef: user.id, password: 'otp-secret-123', sentTo: user.email }
      : { collectionRef: users.id, recordRef: user.id, method: 'password' };
  const record = await createRecord(t.app, target, { data, files: [] }, requestInfo(SYSTEM));
  const created = formatDate(new Date(Date.now() - ageSeconds * 1000));
  await t.app.store.run(sql`UPDATE ${sql.id(table)} SET ${sql.id('created')} = ${created} WHERE id = ${record.id}`);
  return String(record.id);
}

async function ids(t: TestApp, table: string): Promise<string[]> {
  const rows = await t.app.store.all<{ id: string }>(sql`SELECT id FROM ${sql.id(table)} ORDER BY id`);
  return rows.map((r) => String(r.id));
}

for (const dialect of DIALECTS) {
  describe(`cron jobs API (${dialect})`, () => {
    let t: TestApp;
    let admin = '';
    let user: TestUser;

    before(async () => {
      t = await startApp({ dialect });
      admin = await t.superuserToken();
      user = await createUser(t, 'cron-user@example.com');
    });
    after(async () => {
      await t?.close();
    });

    it('lists the built-in jobs to superusers only', async () => {
      const guest = await call(t, 'GET', '/api/crons');
      assert.equal(guest.status, 401);
      assert.equal(guest.json.message, 'The request requires valid record authorization token.');
      const member = await call(t, 'GET', '/api/crons', user.token);
      assert.equal(member.status, 403);
      const res = await call(t, 'GET', '/api/crons', admin);
      assert.equal(res.status, 200);
      assert.deepEqual(res.json, BUILTIN);
    });

    it('lists user jobs first in alphabetical order, then the built-in ones', async () => {
      t.app.cron.add('reports', '*/5 * * * *', () => undefined);
      t.app.cron.add('backfill', '30 2 * * *', () => undefined);
      try {
        const res = await call(t, 'GET', '/api/crons', admin);
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, [
          { id: 'backfill', expression: '30 2 * * *' },
          { id: 'reports', expression: '*/5 * * * *' },
          ...BUILTIN,
        ]);
      } finally {
        t.app.cron.remove('reports');
        t.app.cron.remove('backfill');
      }
    });

    it('runs a job by hand: 204, and its effect shows', async () => {
      const expired = await authRow(t, '_otps', user, 3600);
      const fresh = await authRow(t, '_otps', user, 10);
      const res = await call(t, 'POST', '/api/crons/__pbOTPCleanup__', admin);
      assert.equal(res.status, 204);
      assert.equal(res.json, null);
      await t.app.cron.idle();
      const left = await ids(t, '_otps');
      assert.ok(!left.includes(expired), 'the expired OTP is gone');
      assert.ok(left.includes(fresh), 'the OTP still valid is kept');
    });

    it('deletes MFA rows older than the collection’s mfa.duration, as record deletes', async () => {
      const expired = await authRow(t, '_mfas', user, 1800 + 60);
      const fresh = await authRow(t, '_mfas', user, 1800 - 60);
      t.events.reset();
      const res = await call(t, 'POST', '/api/crons/__pbMFACleanup__', admin);
      assert.equal(res.status, 204);
      await t.app.cron.idle();
      const left = await ids(t, '_mfas');
      assert.ok(!left.includes(expired));
      assert.ok(left.includes(fresh));
      assert.equal(t.events.counts().onRecordAfterDeleteSuccess, 1);
    });

    it('optimizes the database by hand', async () => {
      const res = await call(t, 'POST', '/api/crons/__pbDBOptimize__', admin);
      assert.equal(res.status, 204);
      await t.app.cron.idle();
      if (dialect === 'postgres') {
        // ANALYZE leaves its mark in the statistics views (reported asynchronously)
        await eventually(async () => {
          const row = await t.app.store.get<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL',
          );
          return Number(row?.n) > 0;
        }, 'tables analyzed');
      } else {
        // the WAL was checkpointed and truncated
        await eventually(() => statSync(join(t.dir, 'data.db-wal')).size === 0, 'an empty WAL');
      }
    });

    it('answers 404 for an unknown job, 401 and 403 for others than superusers', async () => {
      const missing = await call(t, 'POST', '/api/crons/nope', admin);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.json, { data: {}, message: 'Missing or invalid cron job.', status: 404 });
      const odd = await call(t, 'POST', `/api/crons/${encodeURIComponent('a b/../__pbDBOptimize__')}`, admin);
      assert.equal(odd.status, 404);
      assert.equal((await call(t, 'POST', '/api/crons/__pbOTPCleanup__')).status, 401);
      assert.equal((await call(t, 'POST', '/api/crons/__pbOTPCleanup__', user.token)).status, 403);
      assert.equal((await call(t, 'POST', '/api/crons/nope', user.token)).status, 403);
    });

    it('logs a job that throws; the server and the other jobs carry on', async () => {
      const logged: unknown[][] = [];
      const log = t.app.log as unknown as { error: (...args: unknown[]) => void };
      const original = log.error;
      log.error = (...args: unknown[]) => {
        logged.push(args);
      };
      let ran = 0;
      t.app.cron.add('explodes', NEVER_SOON, () => {
        throw new Error('job exploded');
      });
      t.app.cron.add('steady', NEVER_SOON, () => {
        ran++;
      });
      try {
        assert.equal((await call(t, 'POST', '/api/crons/explodes', admin)).status, 204);
        await t.app.cron.idle();
        assert.equal((await call(t, 'POST', '/api/crons/explodes', admin)).status, 204);
        assert.equal((await call(t, 'POST', '/api/crons/steady', admin)).status, 204);
        await t.app.cron.idle();
      } finally {
        log.error = original;
        t.app.cron.remove('explodes');
        t.app.cron.remove('steady');
      }
      assert.equal(ran, 1);
      assert.equal(logged.length, 2);
      const [fields] = logged[0] as [{ job: string; err: Error }];
      assert.equal(fields.job, 'explodes');
      assert.equal(fields.err.message, 'job exploded');
      assert.equal((await call(t, 'GET', '/api/crons', admin)).status, 200);
      // failed runs are app logs too, for superusers to find in the logs API
      await flushLogs(t.app);
      const filter = encodeURIComponent("data.job = 'explodes'");
      const logs = await call(t, 'GET', `/api/logs?filter=${filter}`, admin);
      assert.equal(logs.status, 200);
      assert.equal(logs.json.totalItems, 2);
      assert.equal(logs.json.items[0].level, 8);
      assert.equal(logs.json.items[0].data.error, 'job exploded');
    });

    it('works through the SDK: pb.crons.getFullList() and pb.crons.run()', async () => {
      const pb = new PocketBase(t.url);
      pb.authStore.save(admin, null);
      assert.deepEqual(await pb.crons.getFullList(), BUILTIN);
      const expired = await authRow(t, '_otps', user, 3600);
      assert.equal(await pb.crons.run('__pbOTPCleanup__'), true);
      await t.app.cron.idle();
      assert.ok(!(await ids(t, '_otps')).includes(expired));
      await assert.rejects(pb.crons.run('nope'), (err: unknown) => {
        assert.ok(err instanceof ClientResponseError);
        assert.equal(err.status, 404);
        assert.equal(err.response.message, 'Missing or invalid cron job.');
        return true;
      });
      const guest = new PocketBase(t.url);
      await assert.rejects(guest.crons.getFullList(), (err: unknown) => (err as ClientResponseError).status === 401);
    });
  });
}
