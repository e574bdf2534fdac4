import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LogBatch } from '../../src/store/log-batch.js';
import { sql } from '../../src/store/sql.js';
import { openSqliteLogs } from '../../src/store/sqlite/log-store.js';
import { removeDir, tempDir } from '../harness/temp.js';

/** Nice value of each thread of this process, by thread id (Linux: /proc/self/task). */
function threadNiceness(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // the fields after the command name; nice is the 19th field of the whole line
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16]));
    } catch {
      // the thread ended while being read
    }
  }
  return out;
}

describe('the SQLite logs writer thread', {
  skip: process.platform !== 'linux' && 'thread nice values are Linux only',
}, () => {
  it('runs at a lower CPU priority than the server, which keeps its own', async () => {
    const dir = tempDir();
    const before = threadNiceness();
    const serverNice = before.get(process.pid) ?? 0;
    const store = openSqliteLogs(join(dir, 'auxiliary.db'));
    try {
      const batch = new LogBatch();
      batch.add(Date.now(), 0, 'hello', '{}');
      await store.insert(batch.seal());
      assert.deepEqual(await store.all(sql`SELECT message FROM _logs`), [{ message: 'hello' }]);
      const after = threadNiceness();
      assert.equal(after.get(process.pid), serverNice, 'the event loop thread keeps its priority');
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === Math.min(19, serverNice + 10));
      assert.equal(lowered.length, 1, `one new thread at nice ${Math.min(19, serverNice + 10)}: ${[...after]}`);
    } finally {
      await store.close();
      removeDir(dir);
    }
  });
});
