import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { onExit, removeDir, tempDir } from './temp.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/basalt', import.meta.url));

/** The environment for child processes: the test's own, without BASALT_* settings, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('BASALT_')) env[k] = v;
  return { ...env, ...extra };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/basalt <args>` to completion. */
export function runCli(args: readonly string[], opts: { env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(opts.env), encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  server.close();
  await once(server, 'close');
  if (!addr || typeof addr === 'string') throw new Error('could not find a free port');
  return addr.port;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  dir: string;
  child: ChildProcess;
  /** everything the process printed so far */
  stdout(): string;
  stderr(): string;
  /** resolves when the process has exited */
  exited: Promise<ExitInfo>;
  /** sends SIGTERM (or `signal`) and waits for the exit; SIGKILL after 10 s */
  stop(signal?: NodeJS.Signals): Promise<ExitInfo>;
}

async function waitHealthy(url: string, exited: Promise<ExitInfo>, stderr: () => string): Promise<void> {
  let done: ExitInfo | null = null;
  void exited.then((info) => {
    done = info;
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (done) throw new Error(`basalt serve exited early (${JSON.stringify(done)}): ${stderr()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`basalt serve did not become healthy at ${url}: ${stderr()}`);
}

/**
 * Spawns `node bin/basalt serve` on a free port with a fresh data directory (or `dir`), waits until
 * GET /api/health answers 200. The process is killed when the test process exits, whatever happens.
 */
export async function startProcess(
  opts: { args?: readonly string[]; dir?: string; env?: Record<string, string> } = {},
): Promise<ServerProcess> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? tempDir();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['serve', `--http=127.0.0.1:${port}`, `--dir=${dir}`, '--log-level=warn', ...(opts.args ?? [])];
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const guard = onExit(() => child.kill('SIGKILL'));
  void exited.then(() => guard.cancel());
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const info = await exited;
    clearTimeout(timer);
    if (ownDir) removeDir(dir);
    return info;
  };
  try {
    await waitHealthy(url, exited, () => err);
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return { url, dir, child, stdout: () => out, stderr: () => err, exited, stop };
}
