/**
 * The record that Basalt serves a PocketBase directory in place: one `_params` row (PocketBase reads
 * only its `settings` row and leaves others alone). It also keeps which of Basalt's own system
 * migrations ran there, so PocketBase's `_migrations` history stays exactly as PocketBase wrote it.
 */
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { LAYOUT_PARAM } from './layout.js';

export interface LayoutMarker {
  layout: 'pocketbase';
  /** when Basalt first opened the directory */
  adopted: string;
  /** the `_migrations` rows PocketBase had written by then (never Basalt's to revert or forget) */
  pocketbaseMigrations: string[];
  /** Basalt's system migrations applied here → when (Unix microseconds) */
  migrations: Record<string, number>;
}

function parse(value: unknown): LayoutMarker | null {
  if (typeof value !== 'string') return null;
  try {
    const v = JSON.parse(value) as Partial<LayoutMarker>;
    if (v?.layout !== 'pocketbase') return null;
    return {
      layout: 'pocketbase',
      adopted: String(v.adopted ?? ''),
      pocketbaseMigrations: Array.isArray(v.pocketbaseMigrations) ? v.pocketbaseMigrations.map(String) : [],
      migrations: v.migrations && typeof v.migrations === 'object' ? { ...v.migrations } : {},
    };
  } catch {
    return null;
  }
}

/** The marker of a PocketBase directory served in place; null for Basalt's own data. */
export async function readLayoutMarker(db: Queryable): Promise<LayoutMarker | null> {
  const row = await db.get<{ value: unknown }>(sql`SELECT "value" FROM "_params" WHERE "id" = ${LAYOUT_PARAM}`);
  return row ? parse(row.value) : null;
}

async function writeMarker(db: Queryable, marker: LayoutMarker, isNew: boolean): Promise<void> {
  const value = JSON.stringify(marker);
  const now = nowDate();
  if (isNew) {
    await db.run(sql`INSERT INTO "_params" ("id", "value", "created", "updated")
      VALUES (${LAYOUT_PARAM}, ${value}, ${now}, ${now}) ON CONFLICT ("id") DO NOTHING`);
  } else {
    await db.run(sql`UPDATE "_params" SET "value" = ${value}, "updated" = ${now} WHERE "id" = ${LAYOUT_PARAM}`);
  }
}

/** Writes the marker on the first start over a PocketBase directory (a no-op afterwards). */
export async function adoptPocketBaseDir(db: Queryable, pocketbaseMigrations: readonly string[]): Promise<boolean> {
  if (await readLayoutMarker(db)) return false;
  const marker: LayoutMarker = {
    layout: 'pocketbase',
    adopted: nowDate(),
    pocketbaseMigrations: [...pocketbaseMigrations],
    migrations: {},
  };
  await writeMarker(db, marker, true);
  return true;
}

/** Notes one of Basalt's system migrations as applied, inside the migration's transaction. */
export async function recordMarkerMigration(tx: Queryable, marker: LayoutMarker, file: string): Promise<void> {
  const current = (await readLayoutMarker(tx)) ?? marker;
  current.migrations[file] = Date.now() * 1000;
  await writeMarker(tx, current, false);
}
