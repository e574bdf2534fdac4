import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { startPostgres } from '../harness/postgres.js';

async function health(t: TestApp, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${t.url}/api/health${query}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Starts an app whose database the test can take away: a closed SQLite store, or a stopped PostgreSQL server. */
async function appWithLosableDatabase(dialect: string): Promise<{ t: TestApp; lose(): Promise<void> }> {
  if (dialect === 'postgres') {
    const pg = await startPostgres({ shared: false });
    const t = await startApp({ dialect: 'sqlite', flags: { db: pg.url } });
    return { t, lose: () => pg.stop() };
  }
  const t = await startApp({ dialect: 'sqlite' });
  return { t, lose: () => t.app.store.close() };
}

for (const dialect of DIALECTS) {
  describe(`GET /api/health?ready=1 (${dialect})`, () => {
    it('answers 200 while the database answers, 503 in the error format once it is gone', async () => {
      const { t, lose } = await appWithLosableDatabase(dialect);
      try {
        assert.equal(t.app.store.dialect.name, dialect);
        for (const query of ['?ready=1', '?ready=true', '?ready']) {
          const ok = await health(t, query);
          assert.equal(ok.status, 200, query);
          assert.equal(ok.body.message, 'API is healthy.');
        }
        await lose();
        const down = await health(t, '?ready=1');
        assert.equal(down.status, 503);
        assert.deepEqual(down.body, { data: {}, message: 'The database cannot be reached.', status: 503 });
        // liveness stays cheap: it asks nothing of the database
        assert.equal((await health(t)).status, 200);
        assert.equal((await health(t, '?ready=0')).status, 200);
      } finally {
        await t.close().catch(() => undefined);
      }
    });
  });
}

describe('readiness while stopping', () => {
  it('answers 503 once the server has been told to stop', async () => {
    const t = await startApp();
    // a request that stays open keeps the server in its closing phase
    const stream = await fetch(`${t.url}/api/realtime`);
    const closing = t.server.close();
    try {
      const res = await fetch(`${t.url}/api/health?ready=1`, { headers: { connection: 'keep-alive' } }).catch(
        () => null,
      );
      // a new connection may already be refused; one that is answered must say "not ready"
      if (res) assert.equal(res.status, 503);
    } finally {
      await stream.body?.cancel().catch(() => undefined);
      await closing;
      await t.close().catch(() => undefined);
    }
  });
});
