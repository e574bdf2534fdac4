/**
 * Applies and reverts user migrations. Each runs in one transaction holding the schema lock,
 * together with its row in `_migrations`: a migration that fails halfway leaves nothing behind.
 */
import type { App } from '../../core/app.js';
import { isPocketBaseSystemMigration } from '../../core/pocketbase/layout.js';
import { readLayoutMarker } from '../../core/pocketbase/marker.js';
import { SYSTEM_MIGRATION_FILES } from '../../migrations/index.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { UserApp } from '../app.js';
import { importUserFile, UserCodeError, userLocation } from '../compile.js';
import type { PluginHost } from '../host.js';
import { type MigrationFile, migrationFiles } from './files.js';

const TABLE = sql.id('_migrations');
const FILE = sql.id('file');
const APPLIED = sql.id('applied');

/** A migration that failed: which file, and why. Nothing it did was kept. */
export class MigrationError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`migration ${file} failed (rolled back): ${reason}`);
  }
}

type Step = (app: UserApp) => unknown;

async function stepOf(host: PluginHost, file: MigrationFile, which: 'up' | 'down'): Promise<Step> {
  let exports: Record<string, unknown>;
  try {
    exports = (await importUserFile(file.path)).exports;
  } catch (err) {
    if (err instanceof UserCodeError) {
      throw new MigrationError(`${host.display(err.file)}${err.line ? `:${err.line}` : ''}`, err.reason);
    }
    throw err;
  }
  const fn = exports[which];
  if (typeof fn !== 'function')
    throw new MigrationError(host.display(file.path), `it exports no ${which}(app) function`);
  return fn as Step;
}

/** Runs one step of a migration and records (or forgets) it, all in one transaction. */
async function runStep(host: PluginHost, file: MigrationFile, step: Step, record: (tx: Queryable) => Promise<unknown>) {
  const core = host.core;
  try {
    await core.store.schemaTransaction(async (tx) => {
      const ctx = { db: tx, depth: 0, cancelled: false, parent: null, label: `migration ${file.name}` };
      await step(new UserApp(host, file.path, ctx));
      await record(tx);
    });
  } catch (err) {
    const at = userLocation(err);
    const where = at ? `${host.display(at.file)}:${at.line}` : host.display(file.path);
    throw new MigrationError(where, err instanceof Error ? err.message : String(err));
  }
  await core.reloadCollections();
}

/**
 * The user migrations recorded as applied, newest first. In a PocketBase directory served in place,
 * the rows PocketBase wrote (its own, and its JavaScript migrations) are not Basalt's to revert or forget.
 */
export async function appliedMigrations(app: App): Promise<string[]> {
  const rows = await app.store.all<{ file: string }>(
    sql`SELECT ${FILE} AS file FROM ${TABLE} ORDER BY ${APPLIED} DESC, ${FILE} DESC`,
  );
  const foreign = new Set((await readLayoutMarker(app.store))?.pocketbaseMigrations ?? []);
  return rows
    .map((r) => String(r.file))
    .filter((f) => !SYSTEM_MIGRATION_FILES.has(f) && !isPocketBaseSystemMigration(f) && !foreign.has(f));
}

/** Records `name` as applied without running it (automigrate: the change is already in this database). */
export async function markApplied(app: App, name: string, db: Queryable = app.store): Promise<void> {
  await db.run(sql`INSERT INTO ${TABLE} (${FILE}, ${APPLIED}) VALUES (${name}, ${Date.now() * 1000})`);
}

/** Applies every migration of `dir` not applied yet, in name order; returns their names. */
export async function migrateUp(host: PluginHost, dir: string): Promise<string[]> {
  const done = new Set(await appliedMigrations(host.core));
  const applied: string[] = [];
  for (const file of migrationFiles(dir)) {
    if (done.has(file.name)) continue;
    const step = await stepOf(host, file, 'up');
    await runStep(host, file, step, (tx) => markApplied(host.core, file.name, tx));
    applied.push(file.name);
  }
  return applied;
}

/** Reverts the `count` most recently applied migrations (their files must still exist); returns their names. */
export async function migrateDown(host: PluginHost, dir: string, count: number): Promise<string[]> {
  const files = new Map(migrationFiles(dir).map((f) => [f.name, f]));
  const reverted: string[] = [];
  for (const name of (await appliedMigrations(host.core)).slice(0, count)) {
    const file = files.get(name);
    if (!file)
      throw new MigrationError(
        name,
        `its file is missing from ${host.display(dir)} (run "basalt migrate history-sync" to forget it)`,
      );
    const step = await stepOf(host, file, 'down');
    await runStep(host, file, step, (tx) => tx.run(sql`DELETE FROM ${TABLE} WHERE ${FILE} = ${name}`));
    reverted.push(name);
  }
  return reverted;
}

/** Forgets applied user migrations whose files are gone; returns their names. */
export async function historySync(app: App, dir: string): Promise<string[]> {
  const present = new Set(migrationFiles(dir).map((f) => f.name));
  const gone = (await appliedMigrations(app)).filter((name) => !present.has(name));
  for (const name of gone) await app.store.run(sql`DELETE FROM ${TABLE} WHERE ${FILE} = ${name}`);
  return gone;
}
