import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { App, type BootConfig } from '../../src/core/app.js';
import { hashPassword } from '../../src/core/auth/passwords.js';
import type { Collection } from '../../src/core/collection.js';
import { buildServer } from '../../src/http/server.js';
import { randomString } from '../../src/lib/random.js';
import { runMigrations } from '../../src/migrations/index.js';
import '../../src/store/sqlite/migrator.js';
import { SqliteCompiler } from '../../src/store/sqlite/compiler.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

export interface TestEnv {
  app: App;
  server: FastifyInstance;
  close(): Promise<void>;
}

export async function makeEnv(): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'basalt-auth-'));
  const store = new SqliteStore(join(dir, 'data.db'));
  await store.init();
  const config: BootConfig = { dataDir: dir, bodyLimit: 32 << 20 };
  const app = new App(store, config, pino({ level: 'silent' }), new SqliteCompiler());
  await runMigrations(app);
  await app.reloadCollections();
  const server = await buildServer(app);
  return {
    app,
    server,
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function collection(app: App, name: string): Collection {
  const c = app.collections.find(name);
  if (!c) throw new Error(`missing collection ${name}`);
  return c;
}

/** Replaces one collection in the registry with an edited deep copy. */
export function editCollection(app: App, name: string, edit: (c: Collection) => void): Collection {
  const copy = structuredClone(collection(app, name)) as Collection;
  edit(copy);
  app.collections.replace(app.collections.all().map((c) => (c.name === name ? copy : c)));
  return copy;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  tokenKey: string;
}

/** Inserts an auth record with SQL; bcrypt cost 4 keeps the suite fast. */
export async function insertAuthRecord(
  app: App,
  collectionName: string,
  values: Partial<TestUser> & Record<string, unknown> = {},
): Promise<TestUser> {
  const id = values.id ?? randomString(15);
  const email = values.email ?? `${id}@example.com`;
  const password = values.password ?? 'secret123';
  const tokenKey = values.tokenKey ?? randomString(50);
  const row: Record<string, unknown> = {
    ...values,
    id,
    email,
    password: await hashPassword(password, 4),
    tokenKey,
    created: '2026-01-01 00:00:00.000Z',
    updated: '2026-01-01 00:00:00.000Z',
  };
  const c = collection(app, collectionName);
  const names = Object.keys(row).filter((k) => c.fields.some((f) => f.name === k));
  const cols = names.map((n) => `"${n}"`).join(', ');
  const marks = names.map(() => '?').join(', ');
  const params = names.map((n) => (typeof row[n] === 'boolean' ? (row[n] ? 1 : 0) : row[n]));
  await app.store.run(`INSERT INTO "${c.name}" (${cols}) VALUES (${marks})`, params);
  return { id, email, password, tokenKey };
}

/** A response body, loosely typed so assertions can reach into nested keys. */
export type Json = Record<string, any>;

export function json(res: { body: string }): Json {
  return JSON.parse(res.body) as Json;
}
