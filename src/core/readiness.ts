import type { App } from './app.js';
import { Errors } from './errors.js';

/** How long the database may take to answer before the app counts as not ready. */
const READY_TIMEOUT_MS = 5000;

/**
 * Throws a 503 catalogue error unless the app can serve: the database answers a read of a system
 * table within READY_TIMEOUT_MS. The cause is logged, never sent.
 */
export async function checkReady(app: App): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.store.get('SELECT 1 AS "ok" FROM "_params" LIMIT 1'), timeout]);
  } catch (err) {
    app.log.warn({ err }, 'readiness: the database does not answer');
    throw Errors.databaseUnavailable();
  } finally {
    clearTimeout(timer);
  }
}
