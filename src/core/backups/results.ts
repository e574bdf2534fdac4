import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app.js';

/** How the last backup attempt of this instance ended (metrics read it as plain data). */
export interface BackupResult {
  key: string;
  ok: boolean;
  /** made by the `__pbAutoBackup__` schedule */
  auto: boolean;
  finished: string;
  durationMs: number;
  size: number;
  error?: string;
}

/** How the last restore drill of one backup ended. */
export interface DrillResult {
  key: string;
  ok: boolean;
  checked: string;
  durationMs: number;
  /** collections and records compared with the manifest */
  collections: number;
  rows: number;
  /** what did not match (integrity check lines, counts, checksums); empty when ok */
  problems: string[];
}

interface Results {
  lastBackup: BackupResult | null;
  drills: Record<string, DrillResult>;
}

/**
 * Kept in `<dataDir>/.backup-results.json`, outside both the data a restore replaces and the backups
 * storage listing, so results survive restarts and restores.
 */
const FILE = '.backup-results.json';
const cache = new WeakMap<App, Results>();

function load(app: App): Results {
  let r = cache.get(app);
  if (!r) {
    r = { lastBackup: null, drills: {} };
    try {
      const stored = JSON.parse(readFileSync(join(app.config.dataDir, FILE), 'utf8')) as Partial<Results>;
      r = { lastBackup: stored.lastBackup ?? null, drills: stored.drills ?? {} };
    } catch {
      // none yet, or unreadable: start over
    }
    cache.set(app, r);
  }
  return r;
}

async function save(app: App): Promise<void> {
  const path = join(app.config.dataDir, FILE);
  const part = `${path}.part`;
  await writeFile(part, JSON.stringify(load(app)));
  await rename(part, path);
}

export async function recordBackupResult(app: App, result: BackupResult): Promise<void> {
  load(app).lastBackup = result;
  await save(app).catch((err) => app.log.warn({ err }, 'backups: could not save the backup result'));
}

export async function recordDrillResult(app: App, result: DrillResult, keep: readonly string[]): Promise<void> {
  const r = load(app);
  r.drills[result.key] = result;
  // results of backups deleted meanwhile go
  for (const key of Object.keys(r.drills)) if (!keep.includes(key)) delete r.drills[key];
  await save(app).catch((err) => app.log.warn({ err }, 'backups: could not save the drill result'));
}

/** The outcome of the last backup attempt, or null before the first one. */
export function lastBackupResult(app: App): BackupResult | null {
  return load(app).lastBackup;
}

/** The last drill of every backup that had one. */
export function drillResults(app: App): DrillResult[] {
  return Object.values(load(app).drills);
}

export function drillResultOf(app: App, key: string): DrillResult | undefined {
  return load(app).drills[key];
}
