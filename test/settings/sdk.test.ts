import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import PocketBaseLatest from 'pocketbase-latest';
import {
  DIALECTS,
  type DialectSetup,
  removeDir,
  runCli,
  type ServerProcess,
  setupDialect,
  startProcess,
  tempDir,
} from '../harness/index.js';

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const USER = { email: 'ana@example.com', password: 'ana-password-1' };

/** Both SDK releases (their settings API is the same). */
const SDKS = [
  { name: 'pocketbase 0.26', PocketBase },
  { name: 'pocketbase-latest', PocketBase: PocketBaseLatest as unknown as typeof PocketBase },
];

async function failure(fn: () => Promise<unknown>): Promise<ClientResponseError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(typeof (e as ClientResponseError).status === 'number', `expected a ClientResponseError, got ${e}`);
    return e as ClientResponseError;
  }
  assert.fail('expected the request to fail');
}

for (const dialect of DIALECTS) {
  describe(`settings through the JS SDK (${dialect})`, () => {
    let db: DialectSetup;
    let args: string[];
    let proc: ServerProcess;
    const dir = tempDir();

    before(async () => {
      db = await setupDialect(dialect);
      args = db.flags.db ? [`--db=${db.flags.db}`] : [];
      proc = await startProcess({ dir, args });
      const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${dir}`, ...args]);
      assert.equal(cli.status, 0, cli.stderr);
      const guest = new PocketBase(proc.url);
      await guest.collection('users').create({ ...USER, passwordConfirm: USER.password });
    });
    after(async () => {
      await proc?.stop();
      await db?.cleanup();
      removeDir(dir);
    });

    for (const sdk of SDKS) {
      it(`${sdk.name}: getAll and update, refusals as ClientResponseError`, async () => {
        const pb = new sdk.PocketBase(proc.url);
        pb.autoCancellation(false);
        await pb.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);

        const all = await pb.settings.getAll();
        assert.equal(all.meta.appURL, 'http://localhost:8090');
        assert.ok(!('password' in all.smtp) && !('secret' in all.s3) && !('secret' in all.backups.s3));

        const name = `App via ${sdk.name}`;
        const updated = await pb.settings.update({
          meta: { appName: name },
          smtp: { password: 'smtp-secret' },
          batch: { enabled: true, maxRequests: 20 },
        });
        assert.equal(updated.meta.appName, name);
        assert.equal(updated.meta.senderName, 'Support');
        assert.deepEqual(updated.batch, { enabled: true, maxRequests: 20, timeout: 3, maxBodySize: 0 });
        assert.ok(!('password' in updated.smtp));
        assert.equal((await pb.settings.getAll()).meta.appName, name);

        const bad = await failure(() =>
          pb.settings.update({
            rateLimits: { rules: [{ label: 'a b c', audience: '', duration: 1, maxRequests: 1 }] },
          }),
        );
        assert.equal(bad.status, 400);
        assert.equal(bad.response.message, 'An error occurred while saving the new settings.');
        assert.equal(bad.response.data.rateLimits.rules[0].label.code, 'validation_match_invalid');
        assert.equal((await pb.settings.getAll()).meta.appName, name);

        const user = new sdk.PocketBase(proc.url);
        user.autoCancellation(false);
        await user.collection('users').authWithPassword(USER.email, USER.password);
        assert.equal((await failure(() => user.settings.getAll())).status, 403);
        assert.equal((await failure(() => new sdk.PocketBase(proc.url).settings.getAll())).status, 401);
      });
    }

    it('keeps the settings across a restart on the same data', async () => {
      await proc.stop();
      proc = await startProcess({ dir, args });
      const pb = new PocketBase(proc.url);
      await pb.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
      const all = await pb.settings.getAll();
      assert.equal(all.meta.appName, `App via ${SDKS[SDKS.length - 1]?.name}`);
      assert.equal(all.batch.maxRequests, 20);
      assert.ok(!('password' in all.smtp));
    });
  });
}
