import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { pruneRateLimiters } from '../../src/core/rate-limits/limiter.js';
import type { RateLimitRule, Settings } from '../../src/core/settings/settings.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { sql } from '../../src/store/sql.js';
import { DIALECTS, type DialectSetup, removeDir, setupDialect, tempDir } from '../harness/index.js';

/** The same settings put in force on each instance (the settings API spreads them; here the test does). */
function limitEverywhere(instances: RunningServer[], rules: RateLimitRule[]): void {
  for (const { app } of instances) {
    const next = structuredClone(app.settings.get()) as Settings;
    next.rateLimits = { enabled: true, rules };
    app.settings.replace(next);
  }
}

async function status(url: string): Promise<number> {
  const res = await fetch(`${url}/api/health`);
  await res.arrayBuffer();
  return res.status;
}

describe('rate limits across two instances on one PostgreSQL', { skip: !DIALECTS.includes('postgres') }, () => {
  let db: DialectSetup;
  const dirs: string[] = [];
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    db = await setupDialect('postgres');
    const start = () => {
      const dir = tempDir();
      dirs.push(dir);
      return startServer(loadConfig({ db: db.flags.db ?? '', dir, http: '127.0.0.1:0', 'log-level': 'silent' }));
    };
    [a, b] = await Promise.all([start(), start()]);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.cleanup();
    for (const dir of dirs) removeDir(dir);
  });

  it('a small limit holds exactly with requests alternating between the instances', async () => {
    limitEverywhere([a, b], [{ label: '/api/health', audience: '', duration: 60, maxRequests: 5 }]);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) seen.push(await status((i % 2 ? b : a).url));
    assert.deepEqual(seen, [200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
  });

  it('a large limit holds within 10% with both instances under concurrent load', async () => {
    const max = 200;
    limitEverywhere([a, b], [{ label: '/api/', audience: '', duration: 60, maxRequests: max }]);
    const statuses: number[] = [];
    // 8 concurrent clients per instance, 400 requests in all
    const client = async (url: string) => {
      for (let i = 0; i < 25; i++) statuses.push(await status(url));
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => client((i % 2 ? b : a).url)));
    const allowed = statuses.filter((s) => s === 200).length;
    const refused = statuses.filter((s) => s === 429).length;
    assert.equal(allowed + refused, 400);
    process.stdout.write(`# ${allowed} of 400 admitted across two instances for maxRequests ${max}\n`);
    assert.ok(allowed <= max * 1.1, `admitted ${allowed}, more than 10% over ${max}`);
    assert.ok(allowed >= max * 0.9, `admitted ${allowed}, more than 10% under ${max}`);
  });

  it('a settings change restarts the shared counts on every instance', async () => {
    limitEverywhere([a, b], [{ label: '/api/health', audience: '', duration: 60, maxRequests: 1 }]);
    assert.equal(await status(a.url), 200);
    assert.equal(await status(b.url), 429);
    limitEverywhere([a, b], [{ label: '/api/health', audience: '', duration: 61, maxRequests: 1 }]);
    assert.equal(await status(b.url), 200);
    assert.equal(await status(a.url), 429);
  });

  it('the cleanup job deletes ended windows from the shared table, and only those', async () => {
    limitEverywhere([a, b], [{ label: '/api/health', audience: '', duration: 1, maxRequests: 1 }]);
    assert.equal(await status(a.url), 200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const rows = async (ended: boolean) => {
      const resetAt = sql.id('resetAt');
      const when = ended ? sql`${resetAt} <= ${Date.now()}` : sql`${resetAt} > ${Date.now()}`;
      const row = await a.app.store.get<{ n: unknown }>(
        sql`SELECT COUNT(*) AS n FROM ${sql.id('_rateLimits')} WHERE ${when}`,
      );
      return Number(row?.n);
    };
    assert.ok((await rows(true)) >= 1, 'the 1 s window has ended');
    const live = await rows(false);
    assert.ok(live >= 1, 'the 60 s windows of the earlier tests are still running');
    await pruneRateLimiters(a.app);
    assert.equal(await rows(true), 0);
    assert.equal(await rows(false), live);
  });
});
