import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.js';

describe('SQLite group commit', () => {
  let dir: string;
  let store: SqliteStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'basalt-group-'));
    store = new SqliteStore(join(dir, 'data.db'));
    await store.init();
    await store.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent transactions together, rolling back only the failing ones', async () => {
    const committed: number[] = [];
    const jobs = Array.from({ length: 200 }, (_, i) =>
      store.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [i, i % 50 === 7 ? 'dup' : `v${i}`]);
        await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [10_000 + i, `w${i}`]);
        store.afterCommit(tx, () => committed.push(i));
        return i;
      }),
    );
    const results = await Promise.allSettled(jobs);
    const failed = results.filter((r) => r.status === 'rejected').length;
    assert.equal(failed, 3, 'the 2nd, 3rd and 4th "dup" inserts violate the unique index');
    const row = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM t');
    assert.equal(row?.n, (200 - failed) * 2, 'a failed job leaves none of its rows');
    assert.equal(committed.length, 200 - failed, 'afterCommit runs once per committed job');
  });

  it('answers a caller only after its data is visible to readers', async () => {
    const id = await store.transaction(async (tx) => {
      await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [99_999, 'visible']);
      return 99_999;
    });
    const row = await store.get<{ v: string }>('SELECT v FROM t WHERE id = ?', [id]);
    assert.equal(row?.v, 'visible');
  });
});
