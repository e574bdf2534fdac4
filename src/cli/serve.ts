import { loadConfig, type ServeConfig } from '../config/config.js';
import { issueSetupToken } from '../core/setup/first-run.js';
import { type RunningServer, startServer } from '../main.js';
import { UsageError } from './args.js';
import { startReloading } from './dev-reload.js';
import { describeError, type Io } from './output.js';
import { hasSuperuser } from './superuser.js';

/** How long open requests may take to finish after a stop signal before the process gives up. */
const SHUTDOWN_GRACE_MS = 30_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function configFrom(flags: Record<string, string | boolean>): Readonly<ServeConfig> {
  let config: Readonly<ServeConfig>;
  try {
    config = loadConfig(flags);
  } catch (e) {
    throw new UsageError(describeError(e));
  }
  if (!LOG_LEVELS.includes(config.logLevel)) {
    throw new UsageError(`invalid --log-level "${config.logLevel}" (expected one of ${LOG_LEVELS.join(', ')})`);
  }
  return config;
}

function listenFailure(e: unknown, config: ServeConfig): string {
  const code = (e as { code?: unknown }).code;
  const address = config.https ?? config;
  const where = `${address.host}:${address.port}`;
  if (code === 'EADDRINUSE') return `cannot listen on ${where}: the address is already in use`;
  if (code === 'EACCES') return `cannot listen on ${where}: permission denied`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on ${where}: unknown host`;
  return describeError(e);
}

/** Quotes a value for a POSIX shell when it holds anything beyond plain path characters. */
function shellArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

async function printBanner(running: RunningServer, flags: Record<string, string | boolean>, io: Io): Promise<void> {
  io.out(`Server started at ${running.url}\n`);
  io.out(`├─ REST API: ${running.url}/api/\n`);
  if (running.redirectUrl) io.out(`├─ Redirect: ${running.redirectUrl} → ${running.url}\n`);
  io.out(`└─ Data:     ${running.app.config.dataDir}\n`);
  const anySuperuser = await hasSuperuser(running.app).catch(() => true);
  if (!anySuperuser) {
    const extra = typeof flags.dir === 'string' ? ` --dir=${shellArg(flags.dir)}` : '';
    // the token rides in the URL fragment, which browsers never send: it cannot reach a request log
    const link = `${running.url}/_/#/setup?token=${issueSetupToken(running.app)}`;
    io.out(
      `\nNo superuser exists yet. Open this one-time link (valid for an hour) to create the first one:\n  ${link}\n`,
    );
    io.out(`or create one with:\n  basalt superuser upsert EMAIL PASSWORD${extra}\n`);
  }
}

/** Waits for SIGTERM/SIGINT, then closes gracefully; a second signal or the grace timeout forces exit 1. */
function untilStopped(running: RunningServer, io: Io): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const finish = (code: number) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(code);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.err(`Received ${signal} again; exiting without waiting.\n`);
        process.exit(1);
      }
      stopping = true;
      io.out(`Received ${signal}; waiting for open requests to finish…\n`);
      const timer = setTimeout(() => {
        io.err(`Open requests did not finish within ${SHUTDOWN_GRACE_MS / 1000}s; exiting.\n`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS);
      timer.unref();
      running.close().then(
        () => {
          clearTimeout(timer);
          io.out('Server stopped.\n');
          finish(0);
        },
        (e: unknown) => {
          clearTimeout(timer);
          io.err(`error: ${describeError(e)}\n`);
          finish(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    running.onDown((e) => {
      io.err(`error: the server stopped: after a restore it could not start on any data (${describeError(e)})\n`);
      finish(1);
    });
  });
}

/** `basalt serve`: resolves with the exit code once the server has stopped. */
export async function serve(flags: Record<string, string | boolean>, io: Io): Promise<number> {
  const config = configFrom(flags);
  let running: RunningServer;
  try {
    running = await startServer(config);
    if (config.dev) running = await startReloading(config, running, io);
  } catch (e) {
    io.err(`error: ${listenFailure(e, config)}\n`);
    return 1;
  }
  const stopped = untilStopped(running, io);
  await printBanner(running, flags, io);
  return stopped;
}
