/** `basalt migrate up|down [n]|create NAME|collections|history-sync`: user migrations kept in git. */
import { loadConfig, type ServeConfig } from '../config/config.js';
import type { App } from '../core/app.js';
import { createApp } from '../main.js';
import { PluginHost } from '../plugins/host.js';
import { writeMigration } from '../plugins/migrations/files.js';
import { historySync, migrateDown, migrateUp } from '../plugins/migrations/runner.js';
import { blankMigration, snapshotMigration } from '../plugins/migrations/templates.js';
import { UsageError } from './args.js';
import { audited } from './audited.js';
import type { Io } from './output.js';

type Flags = Record<string, string | boolean>;

function configOf(flags: Flags): Readonly<ServeConfig> {
  try {
    return loadConfig({ ...flags, 'log-level': 'error' });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function withHost<T>(config: ServeConfig, fn: (host: PluginHost, app: App) => Promise<T>): Promise<T> {
  const app = await createApp(config);
  try {
    return await fn(new PluginHost(app, config.hooksTimeoutMs, process.cwd()), app);
  } finally {
    await app.close();
  }
}

const list = (names: readonly string[]) => names.map((n) => `  ${n}\n`).join('');

export async function migrateUpCommand(flags: Flags, io: Io): Promise<number> {
  const config = configOf(flags);
  const applied = await withHost(config, (host, app) =>
    audited(
      app,
      'migrate.up',
      config.migrationsDir,
      () => migrateUp(host, config.migrationsDir),
      (files) => ({ files }),
    ),
  );
  io.out(
    applied.length === 0 ? 'No pending migrations.\n' : `Applied ${applied.length} migration(s):\n${list(applied)}`,
  );
  return 0;
}

export async function migrateDownCommand(count: string | undefined, flags: Flags, io: Io): Promise<number> {
  const n = count === undefined ? 1 : Number(count);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`migrate down: invalid count "${count}" (expected a whole number ≥ 1)`);
  const config = configOf(flags);
  const reverted = await withHost(config, (host, app) =>
    audited(
      app,
      'migrate.down',
      config.migrationsDir,
      () => migrateDown(host, config.migrationsDir, n),
      (files) => ({
        files,
      }),
    ),
  );
  io.out(
    reverted.length === 0
      ? 'No applied migrations to revert.\n'
      : `Reverted ${reverted.length} migration(s):\n${list(reverted)}`,
  );
  return 0;
}

export async function migrateCreateCommand(name: string, flags: Flags, io: Io): Promise<number> {
  const config = configOf(flags);
  let file: { path: string };
  try {
    file = writeMigration(config.migrationsDir, name, blankMigration());
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('invalid migration name')) throw new UsageError(e.message);
    throw e;
  }
  io.out(`Created ${file.path}\n`);
  return 0;
}

export async function migrateCollectionsCommand(flags: Flags, io: Io): Promise<number> {
  const config = configOf(flags);
  const file = await withHost(config, async (_host, app) =>
    writeMigration(config.migrationsDir, 'collections_snapshot', snapshotMigration(app.collections.all())),
  );
  io.out(`Created ${file.path}\n`);
  return 0;
}

export async function migrateHistorySyncCommand(flags: Flags, io: Io): Promise<number> {
  const config = configOf(flags);
  const gone = await withHost(config, (_host, app) =>
    audited(
      app,
      'migrate.history-sync',
      config.migrationsDir,
      () => historySync(app, config.migrationsDir),
      (files) => ({
        files,
      }),
    ),
  );
  io.out(
    gone.length === 0
      ? 'The migrations history matches the files.\n'
      : `Forgot ${gone.length} migration(s) whose files are gone:\n${list(gone)}`,
  );
  return 0;
}
