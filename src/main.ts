import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { ServeConfig } from './config/config.js';
import { App } from './core/app.js';
import { buildServer } from './http/server.js';
import { runMigrations } from './migrations/index.js';
import { SqliteCompiler } from './store/sqlite/compiler.js';
import { SqliteStore } from './store/sqlite/store.js';
import type { Store } from './store/store.js';

/** The composition root: the only module that picks concrete adapters. */
export async function openStore(config: Pick<ServeConfig, 'dataDir' | 'db'>): Promise<Store> {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.db) throw new Error('external databases are not supported yet (--db)');
  const store = new SqliteStore(join(config.dataDir, 'data.db'));
  await store.init();
  return store;
}

/** Opens the store, applies migrations and loads collections. */
export async function createApp(config: ServeConfig): Promise<App> {
  const store = await openStore(config);
  const log = pino({ level: config.logLevel });
  const app = new App(store, config, log, new SqliteCompiler());
  await runMigrations(app);
  await app.reloadCollections();
  return app;
}

export interface RunningServer {
  app: App;
  server: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/** Starts serving; `close` stops accepting, lets in-flight requests finish and closes the database. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const app = await createApp(config);
  const server = await buildServer(app);
  await server.listen({ host: config.host, port: config.port });
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await app.store.close();
    })();
    return closing;
  };
  return { app, server, url, close };
}
