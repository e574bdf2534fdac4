import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import PocketBaseLatest from 'pocketbase-latest';
import { DIALECTS, runCli, type ServerProcess, setupDialect, startProcess } from '../harness/index.js';

// pocketbase 0.28 builds pb.filter() with RegExp.escape (ES2025), which Node 20 does not ship.
const regexp = RegExp as unknown as { escape?: (s: string) => string };
regexp.escape ??= (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** `json`: the release quotes strings with JSON.stringify (double quotes) instead of `'…'` with `\'`. */
const SDKS = [
  { name: 'pocketbase 0.26', PocketBase, json: false },
  { name: 'pocketbase-latest', PocketBase: PocketBaseLatest as unknown as typeof PocketBase, json: true },
];

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const PASSWORD = 'user-password-1';
const ANA = 'useraaaaaaaaaaa';
const BO = 'userbbbbbbbbbbb';
const id = (n: number) => `quote${String(n).padStart(10, '0')}`;

/** The records of `quotes`, by key. */
const Q: Record<string, { id: string; title: string; n?: number; flag?: boolean; at?: string; owner?: string }> = {
  oreilly: { id: id(1), title: "O'Reilly", n: 1, flag: true, at: '2026-01-20 09:15:42.123Z', owner: ANA },
  hi: { id: id(2), title: 'say "hi"', n: 2.5, owner: BO },
  slash: { id: id(3), title: 'back\\slash', n: -3, flag: true, owner: ANA },
  pct: { id: id(4), title: '100%' },
  under: { id: id(5), title: 'under_score', n: 42 },
  underx: { id: id(6), title: 'underXscore', n: 43 },
  both: { id: id(7), title: `it's "both"` },
  uni: { id: id(8), title: 'Ünï ✓', owner: ANA },
};
const ids = (...keys: string[]) => keys.map((k) => Q[k]?.id as string).sort();

for (const dialect of DIALECTS) {
  describe(`JS SDK filters and rules (${dialect})`, () => {
    let proc: ServerProcess;
    let cleanup: () => Promise<void> = async () => {};

    before(async () => {
      const db = await setupDialect(dialect);
      cleanup = db.cleanup;
      const flags = Object.entries(db.flags)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `--${k}=${v}`);
      proc = await startProcess({ args: flags });
      const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${proc.dir}`, ...flags]);
      assert.equal(cli.status, 0, cli.stderr);
      const admin = new PocketBase(proc.url);
      admin.autoCancellation(false);
      await admin.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
      for (const [uid, email] of [
        [ANA, 'ana@example.com'],
        [BO, 'bo@example.com'],
      ]) {
        await admin.collection('users').create({ id: uid, email, password: PASSWORD, passwordConfirm: PASSWORD });
      }
      await admin.collections.create({
        name: 'quotes',
        listRule: 'owner = @request.auth.id',
        viewRule: 'owner = @request.auth.id',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'n', type: 'number' },
          { name: 'flag', type: 'bool' },
          { name: 'at', type: 'date' },
          { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
        ],
      });
      for (const record of Object.values(Q)) await admin.collection('quotes').create(record);
    });
    after(async () => {
      await proc?.stop();
      await cleanup();
    });

    for (const sdk of SDKS) {
      describe(sdk.name, () => {
        let pb: PocketBase;
        let ana: PocketBase;
        before(async () => {
          pb = new sdk.PocketBase(proc.url);
          pb.autoCancellation(false);
          await pb.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
          ana = new sdk.PocketBase(proc.url);
          ana.autoCancellation(false);
          await ana.collection('users').authWithPassword('ana@example.com', PASSWORD);
        });

        const found = async (raw: string, params: Record<string, unknown>, client = pb) => {
          const filter = client.filter(raw, params);
          const items = await client.collection('quotes').getFullList({ filter, sort: 'id' });
          return items.map((r) => r.id);
        };

        it('quotes strings the way this release does', () => {
          const expected = sdk.json ? `title = "O'Reilly"` : "title = 'O\\'Reilly'";
          assert.equal(pb.filter('title = {:t}', { t: "O'Reilly" }), expected);
        });

        it('title = {:t} returns exactly the intended record for every awkward string', async () => {
          for (const [key, record] of Object.entries(Q)) {
            const expected = key === 'slash' && sdk.json ? [] : [record.id];
            assert.deepEqual(await found('title = {:t}', { t: record.title }), expected, record.title);
          }
        });

        it('~ {:t} escapes _ and keeps % as a wildcard', async () => {
          assert.deepEqual(await found('title ~ {:t}', { t: 'under_score' }), ids('under'));
          assert.deepEqual(await found('title ~ {:t}', { t: '100%' }), ids('pct'));
          assert.deepEqual(await found('title ~ {:t}', { t: 'under%' }), ids('under', 'underx'));
          assert.deepEqual(await found('title ~ {:t}', { t: "'" }), ids('oreilly', 'both'));
          assert.deepEqual(await found('title ~ {:t}', { t: '"' }), ids('hi', 'both'));
          assert.deepEqual(await found('title ~ {:t}', { t: 'ï ✓' }), ids('uni'));
        });

        it('binds several values in one filter', async () => {
          const params = { a: "O'Reilly", b: 'say "hi"', c: `it's "both"` };
          assert.deepEqual(
            await found('title = {:a} || title = {:b} || title = {:c}', params),
            ids('oreilly', 'hi', 'both'),
          );
        });

        it('binds dates, numbers, booleans and null', async () => {
          assert.deepEqual(await found('at = {:d}', { d: new Date('2026-01-20T09:15:42.123Z') }), ids('oreilly'));
          assert.deepEqual(await found('at >= {:d}', { d: new Date('2026-01-01T00:00:00Z') }), ids('oreilly'));
          assert.deepEqual(await found('n = {:n}', { n: 2.5 }), ids('hi'));
          assert.deepEqual(await found('n = {:n}', { n: -3 }), ids('slash'));
          assert.deepEqual(await found('n < {:n}', { n: 0 }), ids('slash'));
          assert.deepEqual(await found('n > {:n} && n < {:m}', { n: 41, m: 43 }), ids('under'));
          assert.deepEqual(await found('flag = {:b}', { b: true }), ids('oreilly', 'slash'));
          assert.deepEqual(await found('flag = {:b} && n > 0', { b: false }), ids('hi', 'under', 'underx'));
          assert.deepEqual(await found('owner = {:o}', { o: null }), ids('pct', 'under', 'underx', 'both'));
          assert.deepEqual(await found('at != {:o}', { o: null }), ids('oreilly'));
        });

        it('getFirstListItem applies the listRule on top of the filter', async () => {
          const first = await ana.collection('quotes').getFirstListItem(ana.filter('title = {:t}', { t: "O'Reilly" }));
          assert.equal(first.id, Q.oreilly?.id);
          await assert.rejects(
            () => ana.collection('quotes').getFirstListItem(ana.filter('title = {:t}', { t: 'say "hi"' })),
            (e: unknown) => e instanceof Error && (e as ClientResponseError).status === 404,
          );
          assert.deepEqual(await found('n != {:n}', { n: 99 }, ana), ids('oreilly', 'slash', 'uni'));
          const all = await pb.collection('quotes').getFirstListItem(pb.filter('title = {:t}', { t: 'say "hi"' }));
          assert.equal(all.id, Q.hi?.id);
        });

        it('expands relations', async () => {
          const one = await pb.collection('quotes').getOne(Q.oreilly?.id as string, { expand: 'owner' });
          assert.equal(one.expand?.owner?.id, ANA);
          assert.equal(one.expand?.owner?.email, 'ana@example.com');
          const own = await ana.collection('quotes').getList(1, 10, {
            filter: ana.filter('n >= {:n}', { n: 1 }),
            expand: 'owner',
          });
          assert.deepEqual(
            own.items.map((r) => [r.id, r.expand?.owner?.id]),
            [[Q.oreilly?.id, ANA]],
          );
          const none = await pb.collection('quotes').getOne(Q.pct?.id as string, { expand: 'owner' });
          assert.deepEqual(none.expand, {});
        });
      });
    }
  });
}
