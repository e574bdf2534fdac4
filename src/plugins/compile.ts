/**
 * Compiles one user file (TypeScript or JavaScript) with esbuild and imports it, with no build step
 * on the user's side. Local imports are bundled in; npm packages and Node built-ins stay imports,
 * resolved from the file's own folder (so the user's node_modules is used) and rewritten to absolute
 * URLs, which lets the compiled code be imported from memory without writing anything next to it.
 * `basalt` itself resolves to the running server's public API, so `instanceof ApiError` holds.
 */
import { isBuiltin, SourceMap } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Plugin } from 'esbuild';
import { lazy } from '../lib/lazy.js';

/** esbuild loads with the first user file: a server without hooks or migrations never reads it. */
const loadEsbuild = lazy(() => import('esbuild'));

/** The running server's public API module (src/index.ts under tsx, dist/index.js when built). */
const HERE = fileURLToPath(import.meta.url);
const PUBLIC_API = pathToFileURL(join(dirname(HERE), '..', `index${extname(HERE)}`)).href;

/** A user file that could not be compiled or loaded: where, and why. */
export class UserCodeError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}

function resolvePlugin(): Plugin {
  return {
    name: 'basalt-user-imports',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        if (args.path === 'basalt') return { path: PUBLIC_API, external: true };
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        // esbuild's own resolver (exports conditions "import", "node") from the importing file's folder
        const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'inner' });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}

function firstError(file: string, errors: readonly Message[]): UserCodeError {
  const e = errors[0];
  const where = e?.location;
  return new UserCodeError(where?.file ? where.file : file, where ? where.line : null, e?.text ?? 'compile error');
}

export interface CompiledModule {
  file: string;
  /** the module's exports */
  exports: Record<string, unknown>;
}

/** Compiled code kept so an error thrown while loading can be mapped back to the user's line. */
const maps = new Map<string, SourceMap>();

/** The user file and line an error's stack points to, when it points into compiled user code. */
export function userLocation(err: unknown): { file: string; line: number } | null {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  for (const m of stack.matchAll(/(data:text\/javascript[^\s)]*?#basalt-(\d+)):(\d+):(\d+)/g)) {
    const map = maps.get(m[2] as string);
    if (!map) continue;
    const entry = map.findEntry(Number(m[3]) - 1, Number(m[4]) - 1) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (entry.originalSource !== undefined && entry.originalLine !== undefined) {
      const source = entry.originalSource.startsWith('file:')
        ? fileURLToPath(entry.originalSource)
        : entry.originalSource;
      return { file: source, line: entry.originalLine + 1 };
    }
  }
  return null;
}

let counter = 0;

/** Compiles `file` and imports it; throws a UserCodeError naming the file and line on failure. */
export async function importUserFile(file: string): Promise<CompiledModule> {
  let code: string;
  let map: string;
  try {
    const { build } = await loadEsbuild();
    const out = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: `${file}.mjs`,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [resolvePlugin()],
      define: {
        'import.meta.url': JSON.stringify(pathToFileURL(file).href),
        'import.meta.filename': JSON.stringify(file),
        'import.meta.dirname': JSON.stringify(dirname(file)),
      },
    });
    const js = out.outputFiles.find((f) => f.path.endsWith('.mjs'));
    const sm = out.outputFiles.find((f) => f.path.endsWith('.map'));
    code = js?.text ?? '';
    map = sm?.text ?? '{}';
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    if (errors && errors.length > 0) throw firstError(file, errors);
    throw new UserCodeError(file, null, err instanceof Error ? err.message : String(err));
  }
  const key = String(++counter);
  const sourceMap = JSON.parse(map) as { sources: string[] };
  // esbuild writes sources relative to the output file: make them absolute
  sourceMap.sources = sourceMap.sources.map((s) => pathToFileURL(join(dirname(file), s)).href);
  maps.set(key, new SourceMap(sourceMap as never));
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}#basalt-${key}`;
  try {
    return { file, exports: (await import(url)) as Record<string, unknown> };
  } catch (err) {
    const at = userLocation(err);
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new UserCodeError(at?.file ?? file, at?.line ?? null, reason);
  }
}
