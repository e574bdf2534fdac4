import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ChangeEvent, PostgresStore, TransactionConflict } from '../../src/store/postgres/store.js';
import type { Queryable } from '../../src/store/store.js';
import { startPostgres, type TestPostgres } from '../harness/postgres.js';
import { type StoreFactory, storeContract } from './contract.js';
import { migratorContract } from './migrator-contract.js';

const openPostgres: StoreFactory = async () => {
  const pg = await startPostgres();
  const store = new PostgresStore(pg.url);
  try {
    await store.init();
  } catch (err) {
    await store.close();
    await pg.stop();
    throw err;
  }
  return { store, cleanup: () => pg.stop() };
};

storeContract('postgres', openPostgres);
migratorContract('postgres', openPostgres);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the first event `pick` accepts, or rejects after `ms`. */
function nextEvent(events: ChangeEvent[], pick: (e: ChangeEvent) => boolean, ms = 3000): Promise<ChangeEvent> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = events.find(pick);
      if (found) resolve(found);
      else if (Date.now() - started > ms) reject(new Error('no such notification'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('PostgresStore', () => {
  let pg: TestPostgres;
  const stores: PostgresStore[] = [];
  const open = (options: { attempts?: number } = {}) => {
    const s = new PostgresStore({ url: pg.url, ...options });
    stores.push(s);
    return s;
  };

  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await pg.stop();
  });

  test('init from several instances at once is serialised by the advisory lock', async () => {
    const many = [open(), open(), open(), open()];
    await Promise.all(many.map((s) => s.init()));
    const rows = await many[0]?.all<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    assert.deepEqual(
      rows?.map((r) => r.name),
      ['_collections', '_cronRuns', '_migrations', '_params'],
    );
  });

  test('? rewriting leaves dollar quotes and E-strings alone, and runs without parameters untouched', async () => {
    const s = open();
    const row = await s.get(`SELECT $$a ? b$$ AS a, $t$?$t$ AS b, E'\\'?' AS c, ?::int + 1 AS d`, [41]);
    assert.deepEqual(row, { a: 'a ? b', b: '?', c: "'?", d: 42 });
    assert.deepEqual(await s.get(`SELECT '{"k":1}'::jsonb ? 'k' AS has`), { has: true });
  });

  test('prepared reads follow schema changes made by another instance', async () => {
    const a = open();
    const b = open();
    await a.exec('CREATE TABLE "shape" ("id" TEXT PRIMARY KEY); INSERT INTO "shape" VALUES (\'s\')');
    for (let i = 0; i < 3; i++)
      assert.deepEqual(await a.get('SELECT * FROM "shape" WHERE "id" = ?', ['s']), { id: 's' });
    await b.exec('ALTER TABLE "shape" ADD COLUMN "extra" TEXT DEFAULT \'x\'');
    assert.deepEqual(await a.get('SELECT * FROM "shape" WHERE "id" = ?', ['s']), { id: 's', extra: 'x' });
    assert.deepEqual(await a.all('SELECT * FROM "shape" WHERE "id" = ?', ['s']), [{ id: 's', extra: 'x' }]);
  });

  test('transactions run concurrently: there is no global write lock', async () => {
    const s = open();
    await s.exec('CREATE TABLE "conc" ("id" TEXT PRIMARY KEY)');
    const started = performance.now();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) =>
        s.transaction(async (tx) => {
          await tx.run('INSERT INTO "conc" VALUES (?)', [id]);
          await tx.get('SELECT pg_sleep(0.3)');
        }),
      ),
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 900, `four 300 ms transactions took ${Math.round(elapsed)} ms`);
    assert.deepEqual(await s.get('SELECT COUNT(*) AS n FROM "conc"'), { n: 4 });
  });

  test('serialization failures are retried: concurrent increments all land', async () => {
    const s = open();
    await s.exec(
      'CREATE TABLE "counter" ("id" TEXT PRIMARY KEY, "n" DOUBLE PRECISION NOT NULL); INSERT INTO "counter" VALUES (\'c\', 0)',
    );
    let attempts = 0;
    // every first attempt waits until all three have read, so they surely overlap and conflict
    let release = () => {};
    const allRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bump = () =>
      s.transaction(async (tx) => {
        attempts++;
        const row = await tx.get<{ n: number }>('SELECT "n" FROM "counter" WHERE "id" = ?', ['c']);
        if (attempts >= 3) release();
        await allRead;
        await sleep(5);
        await tx.run('UPDATE "counter" SET "n" = ? WHERE "id" = ?', [(row?.n ?? 0) + 1, 'c']);
      });
    await Promise.all([bump(), bump(), bump()]);
    assert.deepEqual(await s.get('SELECT "n" FROM "counter"'), { n: 3 });
    assert.ok(attempts > 3, 'some attempts were retried');
  });

  test('a conflict that outlives the retries is a 400-class TransactionConflict', async () => {
    const s = open({ attempts: 1 });
    await s.exec(
      'CREATE TABLE "hot" ("id" TEXT PRIMARY KEY, "n" DOUBLE PRECISION NOT NULL); INSERT INTO "hot" VALUES (\'h\', 0)',
    );
    // both read before either writes, so they surely overlap however loaded the machine is
    let reads = 0;
    let release = () => {};
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bump = () =>
      s.transaction(async (tx) => {
        await tx.get('SELECT "n" FROM "hot"');
        if (++reads === 2) release();
        await bothRead;
        await tx.run('UPDATE "hot" SET "n" = "n" + 1');
      });
    const results = await Promise.allSettled([bump(), bump()]);
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 1);
    const reason = (failed[0] as PromiseRejectedResult).reason;
    assert.ok(reason instanceof TransactionConflict);
    assert.equal(reason.statusCode, 400);
  });

  test('an error swallowed inside a transaction makes it fail instead of committing silently', async () => {
    const s = open();
    await assert.rejects(
      s.transaction(async (tx) => {
        await tx.get('SELECT no_such_column FROM "_params"').catch(() => undefined);
      }),
      /rolled back|aborted/,
    );
  });

  test('schema transactions of two instances run one at a time, the second seeing the first', async () => {
    const a = open();
    const b = open();
    await a.exec('CREATE TABLE "steps" ("id" TEXT PRIMARY KEY)');
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const first = a.schemaTransaction(async (tx) => {
      order.push('first locked');
      await held;
      await tx.run('INSERT INTO "steps" VALUES (?)', ['first']);
      order.push('first done');
    });
    await sleep(50);
    const second = b.schemaTransaction(async (tx) => {
      const seen = await tx.all<{ id: string }>('SELECT "id" FROM "steps"');
      order.push(`second saw ${seen.map((r) => r.id).join(',')}`);
    });
    await sleep(100);
    assert.deepEqual(order, ['first locked']);
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first locked', 'first done', 'second saw first']);
  });

  test('the schema lock is released when a schema transaction fails', async () => {
    const a = open();
    await assert.rejects(
      a.schemaTransaction(async () => {
        throw new Error('no');
      }),
    );
    assert.equal(await a.schemaTransaction(async () => 'free again'), 'free again');
  });

  test('notify reaches other instances; self marks our own', async () => {
    const a = open();
    const b = open();
    const seen: ChangeEvent[] = [];
    const stop = await a.onChange('collections', (e) => seen.push(e));
    await b.notify('collections', 'posts');
    assert.deepEqual(await nextEvent(seen, (e) => e.payload === 'posts'), {
      channel: 'collections',
      payload: 'posts',
      self: false,
      resync: false,
    });
    await a.notify('collections', 'mine');
    assert.equal((await nextEvent(seen, (e) => e.payload === 'mine')).self, true);
    await stop();
  });

  test('notify through a transaction is delivered on commit only', async () => {
    const a = open();
    const b = open();
    const seen: ChangeEvent[] = [];
    await a.onChange('settings', (e) => seen.push(e));
    await b
      .transaction(async (tx: Queryable) => {
        await b.notify('settings', 'rolled back', tx);
        throw new Error('no');
      })
      .catch(() => undefined);
    await b.transaction(async (tx) => {
      await b.notify('settings', 'committed', tx);
      await sleep(100);
      assert.equal(seen.length, 0);
    });
    await nextEvent(seen, (e) => e.payload === 'committed');
    await sleep(100);
    assert.deepEqual(
      seen.map((e) => e.payload),
      ['committed'],
    );
  });

  test('the listener reconnects after its connection drops and asks for a resync', async () => {
    const a = open();
    const b = open();
    const seen: ChangeEvent[] = [];
    await a.onChange('collections', (e) => seen.push(e));
    await b.get("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'basalt-listen'");
    await nextEvent(seen, (e) => e.resync);
    await b.notify('collections', 'after reconnect');
    await nextEvent(seen, (e) => e.payload === 'after reconnect');
  });
});
