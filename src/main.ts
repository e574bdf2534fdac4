import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import type { BlobStore } from './blob/blob.js';
import { FsBlobStore } from './blob/fs/fs-blob.js';
import { lazyBlobStore } from './blob/lazy-blob.js';
import type { S3Config } from './blob/s3/s3-blob.js';
import type { ServeConfig } from './config/config.js';
import { App } from './core/app.js';
import {
  type RestartPlan,
  recoverInterruptedRestore,
  scheduleBackupJobs,
  setRestarter,
  useBackupPorts,
} from './core/backups/index.js';
import { followCollectionChanges } from './core/collections/changes.js';
import { addFilesCleanupJob, addLogsCleanupJob, registerBuiltinJobs } from './core/jobs/builtin.js';
import { deleteOldLogs, logAppError, startLogs } from './core/logs/index.js';
import { registerMailDelivery } from './core/mail/queue.js';
import { startMetrics } from './core/metrics/index.js';
import { outboxOf } from './core/outbox/index.js';
import { pocketBaseCodeNotice } from './core/pocketbase/beside.js';
import { type DataDirLayout, judgeDataDir } from './core/pocketbase/layout.js';
import { adoptPocketBaseDir } from './core/pocketbase/marker.js';
import { followSettingsChanges } from './core/settings/changes.js';
import { loadSettings } from './core/settings/persist.js';
import { registerWebhooks } from './core/webhooks/index.js';
import { pickFields } from './http/fields.js';
import { buildServer } from './http/server.js';
import { prepareTls, startTlsCompanions, type TlsSetup } from './http/tls/serve.js';
import { SharpThumbnailer } from './image/sharp/sharp-thumbnailer.js';
import { tuneGarbageCollector } from './lib/gc-tuning.js';
import { DevMailer } from './mail/dev/mailer.js';
import type { Mailer } from './mail/mailer.js';
import { SmtpMailer } from './mail/smtp/mailer.js';
import { runMigrations, SYSTEM_MIGRATION_FILES } from './migrations/index.js';
import type { PluginPorts } from './plugins/host.js';
import { loadPlugins } from './plugins/index.js';
import { pluginPorts } from './plugins/ports.js';
import { realtimeOAuth2Relay } from './realtime/sse/oauth2-relay.js';
import { startRealtime } from './realtime/sse/start.js';
import type { LogStore } from './store/log-store.js';
import { copySqliteFile, inspectSqliteFile, readSqliteRows } from './store/sqlite/backup.js';
import { inspectSqliteDir } from './store/sqlite/data-dir.js';
import { openSqliteLogs } from './store/sqlite/log-store.js';
import { openSqlite } from './store/sqlite/open.js';
import type { Store } from './store/store.js';

const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the database named by the config: PostgreSQL for a postgres:// URL, else SQLite in the data dir.
 * The store brings its dialect's compiler and migrator along; nothing else is picked per database.
 */
export async function openStore(config: Pick<ServeConfig, 'dataDir' | 'db'>, log?: Logger): Promise<Store> {
  mkdirSync(config.dataDir, { recursive: true });
  if (isPostgresUrl(config.db)) {
    // pg loads only for a PostgreSQL URL
    const { openPostgres } = await import('./store/postgres/open.js');
    return openPostgres({ url: config.db, onError: (err) => log?.warn({ err }, 'postgres connection error') });
  }
  if (config.db) throw new Error('unsupported --db URL (expected postgres://USER:PASS@HOST:PORT/DB)');
  return openSqlite(join(config.dataDir, 'data.db'));
}

/**
 * Recognises the SQLite data directory `dataDir` without changing it: `new` (no database yet),
 * `basalt`, or `pocketbase` (v0.23 or later, served in place). PocketBase data Basalt cannot serve
 * as it is (older, or newer than it knows) throws UnsupportedDataDir with a message saying why.
 */
export function recognizeDataDir(dataDir: string): DataDirLayout {
  return judgeDataDir(dataDir, inspectSqliteDir(dataDir));
}

/**
 * Prepares a PocketBase directory for serving once its store is open: records that it is one
 * (the first time) and warns that PocketBase JavaScript beside it is not run.
 */
async function preparePocketBaseDir(app: App): Promise<void> {
  const facts = inspectSqliteDir(app.config.dataDir);
  if (await adoptPocketBaseDir(app.store, facts?.migrations ?? [])) {
    app.log.info({ dir: app.config.dataDir }, 'serving a PocketBase data directory in place');
  }
  const notice = pocketBaseCodeNotice(app.config.dataDir);
  if (notice) app.log.warn(notice);
}

/**
 * Opens where logs live, apart from the data: `auxiliary.db` in the data dir beside SQLite's
 * `data.db`, or the `_logs` table of the same PostgreSQL database.
 */
export async function openLogStore(config: Pick<ServeConfig, 'dataDir'>, store: Store): Promise<LogStore> {
  if (store.dialect.name === 'postgres') {
    const [{ openPostgresLogs }, { PostgresStore }] = await Promise.all([
      import('./store/postgres/log-store.js'),
      import('./store/postgres/store.js'),
    ]);
    if (store instanceof PostgresStore) return openPostgresLogs(store);
  }
  return openSqliteLogs(join(config.dataDir, 'auxiliary.db'));
}

/**
 * Picks the mail adapter on every send, from the settings in force: SMTP when `smtp.enabled`
 * (one pooled transport, rebuilt when the SMTP settings change), else the development sender
 * writing to `<dataDir>/mail/` and the log.
 */
function useMailers(app: App): void {
  const dev = new DevMailer(join(app.config.dataDir, 'mail'), (summary, data) => app.log.info(data, summary));
  let smtp: { key: string; mailer: SmtpMailer } | null = null;
  const mailer: Mailer = {
    send(message) {
      const settings = app.settings.get().smtp;
      if (!settings.enabled) return dev.send(message);
      const key = JSON.stringify(settings);
      if (smtp?.key !== key) {
        void smtp?.mailer.close();
        smtp = { key, mailer: new SmtpMailer(settings) };
      }
      return smtp.mailer.send(message);
    },
    close: async () => {
      await smtp?.mailer.close();
    },
  };
  app.mailer = mailer;
  app.onClose(() => mailer.close());
  registerMailDelivery(app);
}

/**
 * Opens the store, applies migrations, loads collections and settings and follows changes made by
 * other instances. Stored settings that cannot be read (encrypted without the right key) stop it.
 */
export async function createApp(config: ServeConfig): Promise<App> {
  const log = pino({ level: config.logLevel });
  // a restore stopped halfway (the process died during its swap) is undone before anything opens
  if (await recoverInterruptedRestore(config.dataDir)) log.warn('an interrupted restore was rolled back');
  const layout = isPostgresUrl(config.db) ? 'new' : recognizeDataDir(config.dataDir);
  const store = await openStore(config, log);
  const app = new App(store, config, log);
  try {
    if (layout === 'pocketbase') await preparePocketBaseDir(app);
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
  useFileAdapters(app);
  await startRealtime(app, pickFields);
  app.oauth2Relay = realtimeOAuth2Relay(app);
  useMailers(app);
  useBackupAdapters(app, store);
  registerWebhooks(app);
  registerBuiltinJobs(app);
  const unschedule = scheduleBackupJobs(app);
  app.onClose(async () => unschedule());
  addLogsCleanupJob(app, deleteOldLogs);
  startMetrics(app);
  app.cron.onFailure = (id, err) =>
    logAppError(app, `cron job ${id} failed`, {
      type: 'cron',
      job: id,
      error: err instanceof Error ? err.message : String(err),
    });
  app.onClose(() => app.cron.stop());
  return app;
}

/** A bucket through the S3 adapter, whose client library loads with the first call. */
function s3BlobStore(config: S3Config): BlobStore {
  return lazyBlobStore('s3', async () => new (await import('./blob/s3/s3-blob.js')).S3BlobStore(config));
}

/** Backups: local `<dataDir>/backups` or the `backups.s3` bucket, and SQLite file copies in worker threads. */
function useBackupAdapters(app: App, store: Store): void {
  const root = join(app.config.dataDir, 'backups');
  useBackupPorts(app, {
    blob: (s3) => (s3 ? s3BlobStore(s3) : new FsBlobStore(root)),
    copyFile: copySqliteFile,
    inspectFile: inspectSqliteFile,
    readRows: readSqliteRows,
    openFile: (file) => openSqlite(file, { readWorkers: 0 }),
    inspectDir: inspectSqliteDir,
    systemMigrations: SYSTEM_MIGRATION_FILES,
    auxiliaryFile: store.dialect.name === 'postgres' ? null : join(app.config.dataDir, 'auxiliary.db'),
  });
}

/** Local disk under `<dataDir>/storage`, or the S3 bucket of the settings; thumbnails through sharp. */
function useFileAdapters(app: App): void {
  const root = join(app.config.dataDir, 'storage');
  app.files.use({
    blob: (s3) => (s3 ? s3BlobStore(s3) : new FsBlobStore(root)),
    thumbnailer: new SharpThumbnailer(),
  });
  app.files.onError = (err, what) => app.log.warn({ err }, `file storage: ${what} failed`);
  addFilesCleanupJob(app);
  app.onClose(() => app.files.close());
}

export interface RunningServer {
  app: App;
  server: FastifyInstance;
  /** where the API is served: https://… with `--https`, else http://… */
  url: string;
  /** with `--https` and `--http`: the plain-HTTP address that redirects to `url` */
  redirectUrl?: string;
  close(): Promise<void>;
  /**
   * Calls `listener` if the server stops serving on its own: after a restore neither the restored
   * data nor the previous data opened, so nothing listens any more (the serve command exits 1, for
   * a supervisor to act on).
   */
  onDown(listener: (err: unknown) => void): void;
}

export interface PreparedServer {
  app: App;
  server: FastifyInstance;
  /** the certificate served with `--https` */
  tls?: TlsSetup;
}

/**
 * The app with user code loaded (pending migrations applied, hook files run) and its HTTP server
 * built, not listening yet. A failing migration, hook file or clashing route closes the app and throws.
 */
export async function prepareServer(config: ServeConfig, ports: PluginPorts = {}): Promise<PreparedServer> {
  tuneGarbageCollector();
  // certificate problems stop start-up before the database is opened
  const tls = config.https ? await prepareTls(config.https, config.dataDir) : undefined;
  const app = await createApp(config);
  try {
    const plugins = await loadPlugins(app, config, { ...pluginPorts(app), ...ports });
    return { app, server: await buildServer(app, config, plugins.routes, tls), tls };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/** Starts serving; `close` stops accepting, lets in-flight requests finish and closes the database. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  return listen(await prepareServer(config), config);
}

/**
 * Starts a prepared server listening on the config's address. The result follows restarts: a restore
 * closes the app (in-flight requests finish), swaps the data, and boots a fresh app on the same
 * address; when the fresh app does not open, the previous data is put back and served again.
 */
export async function listen(prepared: PreparedServer, config: ServeConfig): Promise<RunningServer> {
  let current = await listenOnce(prepared, config);
  // a port of 0 was resolved by the first start: restarts keep the address
  const port = Number(new URL(current.url).port);
  const fixed: ServeConfig = config.https ? { ...config, https: { ...config.https, port } } : { ...config, port };
  let restarting: Promise<void> | null = null;
  const downListeners: Array<(err: unknown) => void> = [];
  const boot = async () => {
    current = await listenOnce(await prepareServer(fixed), fixed);
    setRestarter(current.app, restart);
  };
  const swapAndBoot = async (plan: RestartPlan) => {
    await current.close();
    try {
      await plan.swap();
      await boot();
    } catch (err) {
      try {
        await plan.rollback();
        await boot();
      } catch (again) {
        for (const listener of downListeners) listener(again);
        throw again;
      }
      throw err;
    }
    await plan.commit();
    current.app.log.info('restarted on the restored data');
  };
  const restart = async (plan: RestartPlan) => {
    restarting = swapAndBoot(plan);
    try {
      await restarting;
    } finally {
      restarting = null;
    }
  };
  setRestarter(current.app, restart);
  return {
    get app() {
      return current.app;
    },
    get server() {
      return current.server;
    },
    url: current.url,
    get redirectUrl() {
      return current.redirectUrl;
    },
    async close() {
      await (restarting as Promise<void> | null)?.catch(() => undefined);
      await current.close();
    },
    onDown(listener) {
      downListeners.push(listener);
    },
  };
}

/** One listening server for one app (the `--https` address when set, with its http redirect). */
async function listenOnce(
  { app, server, tls }: PreparedServer,
  config: ServeConfig,
): Promise<Omit<RunningServer, 'onDown'>> {
  const address = config.https ?? config;
  let companions: Awaited<ReturnType<typeof startTlsCompanions>> | undefined;
  try {
    await server.listen({ host: address.host, port: address.port });
    if (config.https && tls) {
      const redirectFrom = config.httpRedirect ? { host: config.host, port: config.port } : null;
      const tlsServer = server.server as unknown as TlsServer;
      const port = boundPort(server, address.port);
      companions = await startTlsCompanions(tlsServer, tls, config.https, port, redirectFrom, app.log);
    }
  } catch (err) {
    await server.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    throw err;
  }
  app.cron.start();
  const outbox = outboxOf(app);
  await outbox.start();
  app.onClose(() => outbox.stop());
  const scheme = config.https ? 'https' : 'http';
  const url = `${scheme}://${address.host.includes(':') ? `[${address.host}]` : address.host}:${boundPort(server, address.port)}`;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await companions?.close();
      await server.close();
      await app.close();
    })();
    return closing;
  };
  return { app, server, url, redirectUrl: companions?.redirectUrl, close };
}

function boundPort(server: FastifyInstance, fallback: number): number {
  const addr = server.server.address();
  return typeof addr === 'object' && addr ? addr.port : fallback;
}
