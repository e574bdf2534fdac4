/**
 * `serve --dev`: when a hook file changes, the app is rebuilt with the new code beside the running
 * one and takes over its address once it loaded cleanly. A file that fails to compile or load is
 * reported and the previous code keeps serving.
 */
import { existsSync, type FSWatcher, watch } from 'node:fs';
import type { ServeConfig } from '../config/config.js';
import { listen, prepareServer, type RunningServer } from '../main.js';
import { describeError, type Io } from './output.js';

const HOOK_FILE = /\.(ts|mts|js|mjs)$/;
/** Editors write a file in several steps: changes this close together are one reload. */
const SETTLE_MS = 150;

export async function startReloading(config: ServeConfig, first: RunningServer, io: Io): Promise<RunningServer> {
  let current = first;
  const downListeners: Array<(err: unknown) => void> = [];
  // the addresses stay the same across reloads (a port of 0 was resolved by the first start)
  const mainPort = Number(new URL(first.url).port);
  const fixed: ServeConfig = config.https
    ? {
        ...config,
        https: { ...config.https, port: mainPort },
        port: first.redirectUrl ? Number(new URL(first.redirectUrl).port) : config.port,
      }
    : { ...config, port: mainPort };
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const reload = async () => {
    if (closed) return;
    let next: Awaited<ReturnType<typeof prepareServer>>;
    try {
      next = await prepareServer(fixed);
    } catch (e) {
      io.err(`error: the hook files did not load, the previous code keeps serving: ${describeError(e)}\n`);
      return;
    }
    await current.close();
    try {
      current = await listen(next, fixed);
      for (const listener of downListeners) current.onDown(listener);
      io.out('Hook files changed: reloaded.\n');
    } catch (e) {
      io.err(`error: could not serve the reloaded code: ${describeError(e)}\n`);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  if (existsSync(config.hooksDir)) {
    watcher = watch(config.hooksDir, (_event, name) => {
      if (name && !HOOK_FILE.test(String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        chain = chain.then(reload);
      }, SETTLE_MS);
    });
  }

  return {
    get app() {
      return current.app;
    },
    get server() {
      return current.server;
    },
    url: first.url,
    redirectUrl: first.redirectUrl,
    onDown(listener) {
      downListeners.push(listener);
      current.onDown(listener);
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      await chain;
      await current.close();
    },
  };
}
