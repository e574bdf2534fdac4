import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { App } from '../../src/core/app.js';
import { hashPassword } from '../../src/core/auth/passwords.js';
import { issueAuthToken } from '../../src/core/auth/tokens.js';
import { buildServer } from '../../src/http/server.js';
import { runMigrations } from '../../src/migrations/index.js';
import '../../src/store/sqlite/migrator.js';
import { randomString } from '../../src/lib/random.js';
import { nowDate } from '../../src/lib/time.js';
import { SqliteCompiler } from '../../src/store/sqlite/compiler.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

export interface TestEnv {
  app: App;
  dir: string;
  close(): Promise<void>;
}

/** An app on a fresh temp directory with the system migrations applied. */
export async function testApp(): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'basalt-collections-'));
  const store = new SqliteStore(join(dir, 'data.db'));
  await store.init();
  const config = { dataDir: dir, bodyLimit: 32 << 20 };
  const app = new App(store, config, pino({ level: 'silent' }), new SqliteCompiler());
  await runMigrations(app);
  return {
    app,
    dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer extends TestEnv {
  server: FastifyInstance;
  /** Authorization header value of a superuser */
  superToken: string;
  /** Authorization header value of a regular `users` record */
  userToken: string;
}

async function insertAuthRecord(app: App, collectionName: string, email: string): Promise<Record<string, unknown>> {
  const q = app.store.dialect.quote;
  const now = nowDate();
  const record: Record<string, unknown> = {
    id: randomString(15),
    email,
    password: await hashPassword('1234567890', 4),
    tokenKey: randomString(50),
    emailVisibility: 0,
    verified: 1,
    created: now,
    updated: now,
  };
  const keys = Object.keys(record);
  await app.store.run(
    `INSERT INTO ${q(collectionName)} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
    keys.map((k) => record[k]),
  );
  return { ...record, emailVisibility: false, verified: true };
}

/** The HTTP server plus a superuser and a regular user token. */
export async function testServer(): Promise<TestServer> {
  const env = await testApp();
  const server = await buildServer(env.app);
  const superusers = env.app.collections.find('_superusers');
  const users = env.app.collections.find('users');
  if (!superusers || !users) throw new Error('system collections missing');
  const su = await insertAuthRecord(env.app, '_superusers', 'admin@example.com');
  const user = await insertAuthRecord(env.app, 'users', 'user@example.com');
  const superToken = await issueAuthToken(env.app, superusers, su);
  const userToken = await issueAuthToken(env.app, users, user);
  return {
    ...env,
    server,
    superToken,
    userToken,
    async close() {
      await server.close();
      await env.close();
    },
  };
}
