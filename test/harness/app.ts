import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { issueAuthToken } from '../../src/core/auth/tokens.js';
import { createRecord } from '../../src/core/records/service.js';
import { requestInfo, SYSTEM } from '../../src/core/request.js';
import { startServer } from '../../src/main.js';
import { type Dialect, setupDialect } from './dialects.js';
import { EventLog } from './events.js';
import { removeDir, tempDir } from './temp.js';

/** The superuser that `superuserToken()` creates. */
export const TEST_SUPERUSER = Object.freeze({ email: 'root@example.com', password: 'root-password-123' });

export interface TestApp {
  /** base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  app: App;
  server: FastifyInstance;
  dir: string;
  /** every event of the catalogue that fired, for scenarios' expected events */
  events: EventLog;
  /** creates TEST_SUPERUSER on first call and returns an auth token for it */
  superuserToken(): Promise<string>;
  /** stops the server, closes the database and removes the data directory */
  close(): Promise<void>;
}

/**
 * An in-process app and HTTP server on 127.0.0.1 (random port) over a fresh data directory. `flags` are more
 * `basalt serve` flags (`{ 'public-dir': dir, 'index-fallback': true }`). Without a `public-dir` flag no
 * folder is served, whatever the working directory holds.
 */
export async function startApp(
  opts: { dialect?: Dialect; flags?: Record<string, string | boolean> } = {},
): Promise<TestApp> {
  const dir = tempDir();
  const db = await setupDialect(opts.dialect ?? 'sqlite');
  const config = loadConfig({
    ...db.flags,
    dir,
    http: '127.0.0.1:0',
    'log-level': process.env.TEST_LOG_LEVEL ?? 'silent',
    'public-dir': join(dir, 'no-public-folder'),
    ...opts.flags,
  });
  const running = await startServer(config);
  let token: Promise<string> | undefined;
  const superuserToken = () => {
    token ??= (async () => {
      const app = running.app;
      const collection = app.collections.find('_superusers');
      if (!collection) throw new Error('the _superusers collection is missing');
      const data = { ...TEST_SUPERUSER, passwordConfirm: TEST_SUPERUSER.password };
      const record = await createRecord(app, collection, { data, files: [] }, requestInfo(SYSTEM));
      return issueAuthToken(app, collection, record);
    })();
    return token;
  };
  return {
    url: running.url,
    // a restore restarts the app: these follow it
    get app() {
      return running.app;
    },
    get server() {
      return running.server;
    },
    dir,
    events: new EventLog(running.app),
    superuserToken,
    async close() {
      await running.close();
      await db.cleanup();
      removeDir(dir);
    },
  };
}
