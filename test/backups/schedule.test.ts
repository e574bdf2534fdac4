import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type PocketBase from 'pocketbase';
import { eventually } from '../crons/helpers.js';
import { startS3, type TestS3 } from '../files/s3rver.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { downloadBackup, superuserClient, unzip } from './helpers.js';

/** An expression that will not tick during a test run: the jobs run only by hand. */
const NEVER_SOON = '0 0 1 1 *';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`scheduled backups and drills, backups in S3 (${dialect})`, () => {
    let t: TestApp;
    let pb: PocketBase;
    let s3: TestS3;

    before(async () => {
      t = await startApp({ dialect });
      pb = await superuserClient(t);
      s3 = await startS3('backups');
    });
    after(async () => {
      await t.close();
      await s3.close();
    });

    it('schedules __pbAutoBackup__ and a daily drill once backups.cron is set', async () => {
      const ids = async () => (await pb.crons.getFullList()).map((j) => `${j.id} ${j.expression}`);
      assert.ok(!(await ids()).some((j) => j.startsWith('__pbAutoBackup__')));
      await pb.settings.update({ backups: { cron: NEVER_SOON, cronMaxKeep: 2 } });
      const jobs = await ids();
      assert.ok(jobs.includes(`__pbAutoBackup__ ${NEVER_SOON}`));
      assert.ok(jobs.includes('__basaltBackupDrill__ 30 4 * * *'));
      await pb.settings.update({ backups: { drillCron: '15 2 * * *' } });
      assert.ok((await ids()).includes('__basaltBackupDrill__ 15 2 * * *'));
      const bad = await pb.settings.update({ backups: { drillCron: 'often' } }).catch((e) => e);
      assert.equal(bad.status, 400);
      assert.equal(bad.response.data.backups.drillCron.code, 'validation_invalid_cron');
    });

    it('keeps only the newest cronMaxKeep automatic backups, and drills the newest', async () => {
      const autos = async () => (await pb.backups.getFullList()).filter((b) => b.key.startsWith('@auto_pb_backup_'));
      for (let i = 1; i <= 3; i++) {
        await pb.crons.run('__pbAutoBackup__');
        const done = async () => (await autos()).length === Math.min(i, 2) && (await pb.health.check()).data.canBackup;
        await eventually(done, `backup ${i}`, 120_000);
        // names carry the time to the second
        await sleep(1100);
      }
      const kept = await autos();
      assert.equal(kept.length, 2);
      await pb.crons.run('__basaltBackupDrill__');
      await eventually(
        async () => {
          const [newest] = (await pb.backups.getFullList()) as unknown as Array<{ drill: { ok: boolean } | null }>;
          return newest?.drill?.ok === true;
        },
        'the drill of the newest backup',
        120_000,
      );
    });

    it('stores backups in backups.s3 when enabled, and drills and downloads them from there', async () => {
      await pb.settings.update({ backups: { s3: s3.settings } });
      await pb.backups.create('in_s3.zip');
      const list = await pb.backups.getFullList();
      assert.deepEqual(
        list.map((b) => b.key),
        ['in_s3.zip'],
      );
      const files = await unzip(await downloadBackup(pb, 'in_s3.zip'));
      assert.ok(files.has('basalt_manifest.json'));
      const drill = await pb.send('/api/backups/in_s3.zip/drill', { method: 'POST' });
      assert.equal(drill.ok, true, JSON.stringify(drill.problems));
      await pb.backups.delete('in_s3.zip');
      assert.deepEqual(await pb.backups.getFullList(), []);
    });
  });
}
