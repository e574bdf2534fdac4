import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ReadPool } from '../../src/store/sqlite/read-pool.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { UniqueViolation } from '../../src/store/store.js';

const HEAVY = { heavy: true };
const ROWS = 3000;

async function seed(store: SqliteStore): Promise<void> {
  await store.init();
  await store.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE, n REAL, b BLOB)');
  await store.transaction(async (tx) => {
    for (let i = 0; i < ROWS; i++) {
      await tx.run('INSERT INTO t (id, v, n, b) VALUES (?, ?, ?, ?)', [i, `v${i}`, i / 4, Buffer.from([i % 256, 7])]);
    }
  });
}

describe('SQLite read pool', () => {
  let dir: string;
  let store: SqliteStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'basalt-pool-'));
    store = new SqliteStore(join(dir, 'data.db'), { readWorkers: 2 });
    await seed(store);
    await store.readPool?.warm();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the configured number of workers', () => {
    assert.equal(store.readPool?.size, 2);
    assert.equal(store.readPool?.threads, 2);
    assert.equal(store.readPool?.available(), true);
  });

  it('returns what the main-thread connection returns, Buffers included', async (t) => {
    const pool = store.readPool as ReadPool;
    const all = t.mock.method(pool, 'all');
    const get = t.mock.method(pool, 'get');
    const queries: Array<[string, unknown[]]> = [
      ['SELECT * FROM t WHERE n > ? ORDER BY id DESC LIMIT 40', [100]],
      ['SELECT COUNT(*) AS n, SUM(n) AS s FROM t WHERE v LIKE ?', ['v1%']],
      ['SELECT * FROM t WHERE b = ?', [Buffer.from([9, 7])]],
      ['SELECT * FROM t WHERE id < 0', []],
    ];
    for (const [sql, params] of queries) {
      assert.deepEqual(await store.all(sql, params, HEAVY), await store.all(sql, params));
      assert.deepEqual(await store.get(sql, params, HEAVY), await store.get(sql, params));
    }
    assert.equal(all.mock.callCount(), queries.length);
    assert.equal(get.mock.callCount(), queries.length);
    const row = await store.get<{ b: unknown }>('SELECT b FROM t WHERE id = 3', [], HEAVY);
    assert.ok(Buffer.isBuffer(row?.b));
    assert.equal(await store.get('SELECT * FROM t WHERE id = -1', [], HEAVY), undefined);
  });

  it('runs many heavy reads at once, next to main-thread reads', async () => {
    const jobs = Array.from({ length: 60 }, (_, i) =>
      store.get<{ n: number }>('SELECT COUNT(*) AS n FROM t WHERE id >= ?', [i * 10], HEAVY),
    );
    const light = Array.from({ length: 20 }, (_, i) => store.get<{ v: string }>('SELECT v FROM t WHERE id = ?', [i]));
    const counts = await Promise.all(jobs);
    assert.deepEqual(
      counts.map((r) => r?.n),
      Array.from({ length: 60 }, (_, i) => ROWS - i * 10),
    );
    assert.deepEqual(
      (await Promise.all(light)).map((r) => r?.v),
      Array.from({ length: 20 }, (_, i) => `v${i}`),
    );
  });

  it('fails the way the main-thread connection fails, with the SQLite code', async () => {
    const onMain = await store.all('SELECT * FROM nowhere').catch((e: unknown) => e);
    const onPool = await store.all('SELECT * FROM nowhere', [], HEAVY).catch((e: unknown) => e);
    assert.ok(onPool instanceof Error);
    assert.equal((onPool as { code?: string }).code, 'SQLITE_ERROR');
    assert.equal((onPool as Error).message, (onMain as Error).message);
    await assert.rejects(store.get('SELEC 1', [], HEAVY), { code: 'SQLITE_ERROR', message: /syntax error/ });
    await assert.rejects(store.all("INSERT INTO t (id, v) VALUES (1, 'v2') RETURNING id", [], HEAVY), (err) => {
      assert.ok(!(err instanceof UniqueViolation));
      assert.match(String((err as { code?: string }).code), /^SQLITE_READONLY/);
      return true;
    });
    assert.equal((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM t', [], HEAVY))?.n, ROWS);
  });

  it('sees committed data only; inside a transaction heavy reads use its connection', async () => {
    const count = async (db: Pick<SqliteStore, 'get'>) =>
      (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t', [], HEAVY))?.n;
    const pool = store.readPool as ReadPool;
    const spy = mock.method(pool, 'get');
    let inside: number | undefined;
    let outside: number | undefined;
    await store.transaction(async (tx) => {
      await tx.run("INSERT INTO t (id, v) VALUES (-5, 'uncommitted')");
      inside = await count(tx as SqliteStore);
      outside = await count(store);
    });
    assert.equal(inside, ROWS + 1);
    assert.equal(outside, ROWS);
    assert.equal(spy.mock.callCount(), 1);
    assert.equal(await count(store), ROWS + 1);
    spy.mock.restore();
    await store.run('DELETE FROM t WHERE id = -5');
    assert.equal(await count(store), ROWS);
  });

  it('follows schema changes', async () => {
    await store.exec("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'");
    const row = await store.get<Record<string, unknown>>('SELECT * FROM t WHERE id = 1', [], HEAVY);
    assert.equal(row?.extra, 'x');
    await store.exec('ALTER TABLE t DROP COLUMN extra');
    const again = await store.get<Record<string, unknown>>('SELECT * FROM t WHERE id = 1', [], HEAVY);
    assert.equal(again && 'extra' in again, false);
  });
});

describe('SQLite read pool lifecycle', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'basalt-pool-life-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers heavy reads on the main thread until a worker is ready', async () => {
    const store = new SqliteStore(join(dir, 'early.db'), { readWorkers: 1 });
    await seed(store);
    const pool = store.readPool as ReadPool;
    const spy = mock.method(pool, 'get');
    assert.equal((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM t', [], HEAVY))?.n, ROWS);
    assert.equal(spy.mock.callCount(), 0);
    await pool.warm();
    assert.equal((await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM t', [], HEAVY))?.n, ROWS);
    assert.equal(spy.mock.callCount(), 1);
    await store.close();
  });

  it('close stops the workers and fails later reads', async () => {
    const store = new SqliteStore(join(dir, 'close.db'), { readWorkers: 2 });
    await seed(store);
    const pool = store.readPool as ReadPool;
    await pool.warm();
    const pending = assert.rejects(pool.all('SELECT a.id FROM t AS a, t AS b WHERE a.id + b.id = -1'), /closed/);
    await store.close();
    await pending;
    assert.equal(pool.threads, 0);
    assert.equal(pool.available(), false);
    await assert.rejects(pool.get('SELECT 1'), /closed/);
  });

  it('has no pool for an in-memory database or with zero workers', async () => {
    const mem = new SqliteStore(':memory:');
    assert.equal(mem.readPool, undefined);
    await mem.init();
    assert.deepEqual(await mem.get('SELECT 1 AS one', [], HEAVY), { one: 1 });
    await mem.close();
    const none = new SqliteStore(join(dir, 'none.db'), { readWorkers: 0 });
    assert.equal(none.readPool, undefined);
    await none.close();
  });

  it('lets the process exit, with or without close', () => {
    const storeUrl = new URL('../../src/store/sqlite/store.ts', import.meta.url).href;
    for (const close of [true, false]) {
      const script = join(dir, `exit-${close}.mts`);
      writeFileSync(
        script,
        [
          `import { SqliteStore } from ${JSON.stringify(storeUrl)};`,
          `const store = new SqliteStore(${JSON.stringify(join(dir, `exit-${close}.db`))}, { readWorkers: 2 });`,
          'await store.init();',
          'await store.readPool?.warm();',
          "const row = await store.get('SELECT COUNT(*) AS n FROM _migrations', [], { heavy: true });",
          'process.stdout.write(JSON.stringify({ row, threads: store.readPool?.threads }));',
          close ? 'await store.close();' : '',
        ].join('\n'),
      );
      const out = spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(out.status, 0, out.stderr);
      assert.deepEqual(JSON.parse(out.stdout), { row: { n: 0 }, threads: 2 });
    }
  });
});
