import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** Basalt's version from package.json (two levels above both src/lib and dist/lib). */
export function packageVersion(): string {
  if (cached === undefined) {
    const file = new URL('../../package.json', import.meta.url);
    cached = (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
  }
  return cached;
}
