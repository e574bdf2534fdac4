/** Migration files: `<unix time>_<name>.ts` (or .mts, .js, .mjs) in the migrations folder, applied in name order. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MIGRATION_FILE = /^(\d+)_([A-Za-z0-9_-]+)\.(ts|mts|js|mjs)$/;

export interface MigrationFile {
  /** the file name, as recorded in `_migrations` */
  name: string;
  path: string;
}

/** The migration files of `dir` in name order; none when it is missing. */
export function migrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => MIGRATION_FILE.test(n) && !n.endsWith('.d.ts'))
    .sort()
    .map((name) => ({ name, path: join(dir, name) }));
}

/** A migration name as it goes into a file name: letters, digits, `_` and `-`. */
export function slug(name: string): string {
  const s = name
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s === '') throw new Error(`invalid migration name ${JSON.stringify(name)} (use letters, digits, _ and -)`);
  return s.slice(0, 100);
}

let lastStamp = 0;

/**
 * Writes a new migration file `<unix time>_<name>.ts` and returns its path. Files written within one
 * second get increasing times, so name order stays the order they were written in.
 */
export function writeMigration(dir: string, name: string, body: string): MigrationFile {
  mkdirSync(dir, { recursive: true });
  const newest = Math.max(0, ...migrationFiles(dir).map((f) => Number(MIGRATION_FILE.exec(f.name)?.[1] ?? 0)));
  const stamp = Math.max(Math.floor(Date.now() / 1000), lastStamp + 1, newest + 1);
  lastStamp = stamp;
  const name_ = `${stamp}_${slug(name)}.ts`;
  const path = join(dir, name_);
  writeFileSync(path, body, { flag: 'wx' });
  return { name: name_, path };
}

/** The text of a migration file with these bodies for `up` and `down`. */
export function migrationSource(up: string, down: string): string {
  const indent = (code: string) =>
    code
      .split('\n')
      .map((l) => (l === '' ? l : `  ${l}`))
      .join('\n');
  return [
    "import type { BasaltApp } from 'basalt';",
    '',
    'export async function up(app: BasaltApp): Promise<void> {',
    indent(up),
    '}',
    '',
    'export async function down(app: BasaltApp): Promise<void> {',
    indent(down),
    '}',
    '',
  ].join('\n');
}
