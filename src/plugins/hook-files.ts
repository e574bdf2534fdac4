/** Loading the hook files of a folder: compiled, imported in name order, each default export called with the app. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserApp } from './app.js';
import { importUserFile, UserCodeError, userLocation } from './compile.js';
import type { PluginHost } from './host.js';

const HOOK_FILE = /\.(ts|mts|js|mjs)$/;

/** The hook files of `dir` in name order: `*.ts`, `*.mts`, `*.js`, `*.mjs`, not `*.d.ts`; none when it is missing. */
export function hookFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => HOOK_FILE.test(n) && !/\.d\.(ts|mts)$/.test(n) && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n))
    .filter((f) => statSync(f).isFile());
}

/** Loads every hook file of `dir`; the first that fails to compile, load or register throws a UserCodeError. */
export async function loadHookFiles(host: PluginHost, dir: string): Promise<string[]> {
  const files = hookFiles(dir);
  for (const file of files) {
    const mod = await importUserFile(file).catch((err: unknown) => {
      throw err instanceof UserCodeError ? new UserCodeError(host.display(err.file), err.line, err.reason) : err;
    });
    const register = mod.exports.default;
    if (register === undefined) continue;
    if (typeof register !== 'function') {
      throw new UserCodeError(
        host.display(file),
        null,
        'the default export is not a function (expected `export default (app) => { … }`)',
      );
    }
    try {
      await register(new UserApp(host, file));
    } catch (err) {
      const at = userLocation(err);
      const reason = err instanceof Error ? err.message : String(err);
      throw new UserCodeError(host.display(at?.file ?? file), at?.line ?? null, reason);
    }
  }
  return files;
}
