import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import type { ServeConfig } from './config/config.js';
import { App } from './core/app.js';
import { followCollectionChanges } from './core/collections/changes.js';
import { addLogsCleanupJob, registerBuiltinJobs } from './core/jobs/builtin.js';
import { deleteOldLogs, logAppError, startLogs } from './core/logs/index.js';
import { followSettingsChanges } from './core/settings/changes.js';
import { loadSettings } from './core/settings/persist.js';
import { buildServer } from './http/server.js';
import { runMigrations } from './migrations/index.js';
import type { PluginPorts } from './plugins/host.js';
import { loadPlugins } from './plugins/index.js';
import type { LogStore } from './store/log-store.js';
import { openPostgresLogs } from './store/postgres/log-store.js';
import { openPostgres } from './store/postgres/open.js';
import { PostgresStore } from './store/postgres/store.js';
import { openSqliteLogs } from './store/sqlite/log-store.js';
import { openSqlite } from './store/sqlite/open.js';
import type { Store } from './store/store.js';

/**
 * Opens the database named by the config: PostgreSQL for a postgres:// URL, else SQLite in the data dir.
 * The store brings its dialect's compiler and migrator along; nothing else is picked per database.
 */
export async function openStore(config: Pick<ServeConfig, 'dataDir' | 'db'>, log?: Logger): Promise<Store> {
  mkdirSync(config.dataDir, { recursive: true });
  if (/^postgres(ql)?:\/\//i.test(config.db)) {
    return openPostgres({ url: config.db, onError: (err) => log?.warn({ err }, 'postgres connection error') });
  }
  if (config.db) throw new Error('unsupported --db URL (expected postgres://USER:PASS@HOST:PORT/DB)');
  return openSqlite(join(config.dataDir, 'data.db'));
}

/**
 * Opens where logs live, apart from the data: `auxiliary.db` in the data dir beside SQLite's
 * `data.db`, or the `_logs` table of the same PostgreSQL database.
 */
export async function openLogStore(config: Pick<ServeConfig, 'dataDir'>, store: Store): Promise<LogStore> {
  if (store instanceof PostgresStore) return openPostgresLogs(store);
  return openSqliteLogs(join(config.dataDir, 'auxiliary.db'));
}

/**
 * Opens the store, applies migrations, loads collections and settings and follows changes made by
 * other instances. Stored settings that cannot be read (encrypted without the right key) stop it.
 */
export async function createApp(config: ServeConfig): Promise<App> {
  const log = pino({ level: config.logLevel });
  const store = await openStore(config, log);
  const app = new App(store, config, log);
  try {
    startLogs(app, await openLogStore(config, store));
    await runMigrations(app);
    await app.reloadCollections();
    // listening before the first read: a save made elsewhere in between is not missed
    app.onClose(await followSettingsChanges(app));
    await loadSettings(app);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  app.onClose(await followCollectionChanges(app));
  registerBuiltinJobs(app);
  addLogsCleanupJob(app, deleteOldLogs);
  app.cron.onFailure = (id, err) =>
    logAppError(app, `cron job ${id} failed`, {
      type: 'cron',
      job: id,
      error: err instanceof Error ? err.message : String(err),
    });
  app.onClose(() => app.cron.stop());
  return app;
}

export interface RunningServer {
  app: App;
  server: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export interface PreparedServer {
  app: App;
  server: FastifyInstance;
}

/**
 * The app with user code loaded (pending migrations applied, hook files run) and its HTTP server
 * built, not listening yet. A failing migration, hook file or clashing route closes the app and throws.
 */
export async function prepareServer(config: ServeConfig, ports: PluginPorts = {}): Promise<PreparedServer> {
  const app = await createApp(config);
  try {
    const plugins = await loadPlugins(app, config, ports);
    return { app, server: await buildServer(app, config, plugins.routes) };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/** Starts serving; `close` stops accepting, lets in-flight requests finish and closes the database. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  return listen(await prepareServer(config), config);
}

/** Starts a prepared server listening on the config's address. */
export async function listen({ app, server }: PreparedServer, config: ServeConfig): Promise<RunningServer> {
  try {
    await server.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  app.cron.start();
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await app.close();
    })();
    return closing;
  };
  return { app, server, url, close };
}
