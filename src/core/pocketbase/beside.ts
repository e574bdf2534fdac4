import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * PocketBase's JavaScript hooks (`pb_hooks/*.pb.js`) and migrations (`pb_migrations/*.js`) kept
 * beside `pb_data`: Basalt does not run them, and says so at start-up, naming the files.
 */
export function pocketBaseCodeBeside(dataDir: string): string[] {
  const parent = dirname(dataDir.replace(/[/\\]+$/, ''));
  const list = (folder: string, match: RegExp) => {
    const dir = join(parent, folder);
    if (!existsSync(dir)) return [];
    try {
      return readdirSync(dir)
        .filter((n) => match.test(n))
        .sort()
        .map((n) => join(folder, n));
    } catch {
      return [];
    }
  };
  return [...list('pb_hooks', /\.pb\.js$/), ...list('pb_migrations', /\.js$/)];
}

/** The start-up notice about PocketBase code beside the data directory; '' when there is none. */
export function pocketBaseCodeNotice(dataDir: string): string {
  const files = pocketBaseCodeBeside(dataDir);
  if (files.length === 0) return '';
  const where = basename(dirname(dataDir.replace(/[/\\]+$/, ''))) || '.';
  return (
    `PocketBase JavaScript files beside the data directory are not run by Basalt: ${files.join(', ')} (in ${where}/). ` +
    'Port hooks to TypeScript as docs/hooks.md describes; migrations PocketBase already applied stay applied.'
  );
}
