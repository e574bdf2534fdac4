import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { claimDue } from '../../src/core/outbox/claim.js';
import { outboxOf } from '../../src/core/outbox/index.js';
import { type RunningServer, startServer } from '../../src/main.js';
import {
  DIALECTS,
  type DialectSetup,
  removeDir,
  setupDialect,
  startSmtp,
  type TestSmtp,
  tempDir,
  useSmtp,
} from '../harness/index.js';
import { createUser } from '../harness/users.js';

/** Waits until no outbox row is pending or being sent. */
async function drained(server: RunningServer, deadlineMs = 30_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const row = await server.app.store.get<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM "_outbox" WHERE "status" IN ('pending', 'sending')`,
    );
    if (Number(row?.n) === 0) return;
    if (Date.now() - t0 > deadlineMs) throw new Error('the outbox did not drain');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the outbox with two instances on one PostgreSQL', { skip: !DIALECTS.includes('postgres') }, () => {
  let db: DialectSetup;
  let smtp: TestSmtp;
  const dirs: string[] = [];
  let a: RunningServer;
  let b: RunningServer;

  before(async () => {
    db = await setupDialect('postgres');
    smtp = await startSmtp();
    const start = () => {
      const dir = tempDir();
      dirs.push(dir);
      return startServer(loadConfig({ db: db.flags.db ?? '', dir, http: '127.0.0.1:0', 'log-level': 'silent' }));
    };
    a = await start();
    b = await start();
    useSmtp(a.app, smtp);
    useSmtp(b.app, smtp);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await smtp?.close();
    await db?.cleanup();
    for (const dir of dirs) removeDir(dir);
  });

  it('sends each queued mail exactly once while both workers race for it', async () => {
    const count = 40;
    const env = { app: a.app } as Parameters<typeof createUser>[0];
    const emails: string[] = [];
    for (let i = 0; i < count; i++) {
      emails.push((await createUser(env, `racer${i}@example.com`)).email);
    }
    const answers = await Promise.all(
      emails.map((email, i) =>
        fetch(`${(i % 2 ? b : a).url}/api/collections/users/request-password-reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        }).then((r) => r.status),
      ),
    );
    assert.deepEqual(new Set(answers), new Set([204]));
    await drained(a);
    for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
    const ids = smtp.messages.map((m) => m.headers['message-id']);
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID twice');
  });

  it('takes over the claims of a crashed instance once their lease ends, and sends them once', async () => {
    await outboxOf(a.app).stop();
    await outboxOf(b.app).stop();
    const env = { app: a.app } as Parameters<typeof createUser>[0];
    const emails: string[] = [];
    for (let i = 0; i < 5; i++) {
      const email = (await createUser(env, `orphan${i}@example.com`)).email;
      emails.push(email);
      const res = await fetch(`${a.url}/api/collections/users/request-password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      assert.equal(res.status, 204);
    }
    // "instance a" claims everything, then dies without sending
    const claimed = await claimDue(a.app.store, 100, 500);
    assert.equal(claimed.length, 5);
    assert.equal(smtp.messages.filter((m) => emails.includes(m.to[0] ?? '')).length, 0);
    await outboxOf(b.app).start();
    await drained(b);
    for (const email of emails) assert.equal(smtp.to(email).length, 1, email);
    const rows = await b.app.store.all<{ attempts: unknown }>(
      `SELECT "attempts" FROM "_outbox" WHERE "payload" LIKE '%orphan%'`,
    );
    assert.deepEqual(
      rows.map((r) => Number(r.attempts)),
      [2, 2, 2, 2, 2],
    );
    await outboxOf(a.app).start();
  });
});
