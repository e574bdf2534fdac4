import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../harness/index.js';

/** A user project in a temp folder: basalt_hooks/, basalt_migrations/ and the repository's node_modules. */
export interface Project {
  dir: string;
  hooksDir: string;
  migrationsDir: string;
  /** writes `basalt_hooks/<name>` */
  hook(name: string, code: string): string;
  /** writes `basalt_migrations/<name>` */
  migration(name: string, code: string): string;
  /** serve flags pointing at the project's folders */
  flags: Record<string, string>;
}

export function project(): Project {
  const dir = tempDir('basalt-project-');
  const hooksDir = join(dir, 'basalt_hooks');
  const migrationsDir = join(dir, 'basalt_migrations');
  mkdirSync(hooksDir);
  // npm packages the hook files import resolve from the project, as in a real one
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const write = (folder: string) => (name: string, code: string) => {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, name);
    writeFileSync(path, code);
    return path;
  };
  return {
    dir,
    hooksDir,
    migrationsDir,
    hook: write(hooksDir),
    migration: write(migrationsDir),
    flags: { 'hooks-dir': hooksDir, 'migrations-dir': migrationsDir },
  };
}

/** JSON request helper: status and parsed body. */
export async function call(
  url: string,
  method: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = token;
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // text answers stay text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Waits until `check` holds (polled); fails after a generous deadline rather than hanging. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting: ${what}`);
}
