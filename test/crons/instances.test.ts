import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import type { JobRun } from '../../src/core/jobs/registry.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { DIALECTS, type DialectSetup, removeDir, setupDialect, tempDir } from '../harness/index.js';
import { eventually } from './helpers.js';

/** Two app instances in this process, on one PostgreSQL database. */
describe('cron jobs on several instances sharing PostgreSQL', { skip: !DIALECTS.includes('postgres') }, () => {
  let db: DialectSetup;
  const servers: RunningServer[] = [];
  const dirs: string[] = [];

  before(async () => {
    db = await setupDialect('postgres');
    for (let i = 0; i < 2; i++) {
      const dir = tempDir();
      dirs.push(dir);
      servers.push(await startServer(loadConfig({ ...db.flags, dir, http: '127.0.0.1:0', 'log-level': 'silent' })));
    }
  });
  after(async () => {
    for (const s of servers) await s.close();
    await db?.cleanup();
    for (const dir of dirs) removeDir(dir);
  });

  it('a tick is claimed by the first instance only, even after its run', async () => {
    const [a, b] = servers.map((s) => s.app.store);
    assert.ok(a && b);
    assert.equal(await a.claimJobRun('claims', '2026-01-01T00:00:00.000Z'), true);
    assert.equal(await b.claimJobRun('claims', '2026-01-01T00:00:00.000Z'), false);
    assert.equal(await a.claimJobRun('claims', '2026-01-01T00:00:00.000Z'), false);
    assert.equal(await b.claimJobRun('claims', '2026-01-01T00:00:01.000Z'), true);
    assert.equal(await a.claimJobRun('other', '2026-01-01T00:00:00.000Z'), true);
  });

  it('runs each scheduled tick once in total', async () => {
    const runs: Array<{ instance: number; tick: string }> = [];
    servers.forEach((s, instance) => {
      s.app.cron.add('every-second', '* * * * * *', (run: JobRun) => {
        runs.push({ instance, tick: run.tick?.toISOString() ?? 'manual' });
      });
    });
    try {
      await eventually(() => new Set(runs.map((r) => r.tick)).size >= 4, 'four ticks');
    } finally {
      for (const s of servers) s.app.cron.remove('every-second');
      for (const s of servers) await s.app.cron.idle();
    }
    const ticks = runs.map((r) => r.tick);
    assert.equal(new Set(ticks).size, ticks.length, `no tick ran twice: ${JSON.stringify(runs)}`);
    assert.ok(!ticks.includes('manual'));
    process.stdout.write(
      `# ${runs.length} ticks; runs per instance: ${servers.map((_, i) => runs.filter((r) => r.instance === i).length).join(', ')}\n`,
    );
  });

  it('runs a job started by hand once, on the instance asked', async () => {
    const runs: number[] = [];
    servers.forEach((s, instance) => {
      s.app.cron.add('by-hand', '0 0 1 1 *', () => {
        runs.push(instance);
      });
    });
    try {
      assert.equal(servers[1]?.app.cron.run('by-hand'), true);
      for (const s of servers) await s.app.cron.idle();
    } finally {
      for (const s of servers) s.app.cron.remove('by-hand');
    }
    assert.deepEqual(runs, [1]);
  });
});
