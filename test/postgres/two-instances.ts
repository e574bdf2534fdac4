import assert from 'node:assert/strict';
import { type DialectSetup, runCli, type ServerProcess, setupDialect, startProcess } from '../harness/index.js';

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

/** A JSON request to one instance. */
export async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Polls until `check` passes or the deadline runs out; returns how long it took. */
export async function eventually(check: () => Promise<boolean>, deadlineMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < deadlineMs) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not seen within ${deadlineMs} ms`);
}

export interface TwoInstances {
  a: ServerProcess;
  b: ServerProcess;
  /** a superuser token (valid on both) */
  token: string;
  stop(): Promise<void>;
}

/** Two server processes started at once on one fresh PostgreSQL database, with a superuser. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const db: DialectSetup = await setupDialect('postgres');
  const args = [`--db=${db.flags.db}`];
  // both start at once: migrations must not race
  const started = await Promise.allSettled([startProcess({ args }), startProcess({ args })]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(running.map((p) => p.stop()));
    await db.cleanup();
  };
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b] = running as [ServerProcess, ServerProcess];
    const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${a.dir}`, ...args]);
    assert.equal(cli.status, 0, cli.stderr);
    const auth = await call(a.url, 'POST', '/api/collections/_superusers/auth-with-password', {
      identity: ADMIN.email,
      password: ADMIN.password,
    });
    assert.equal(auth.status, 200);
    return { a, b, token: auth.json.token, stop };
  } catch (err) {
    // an instance that started must not outlive a set-up that failed
    await stop();
    throw err;
  }
}
