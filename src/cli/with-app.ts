import { loadConfig } from '../config/config.js';
import type { App } from '../core/app.js';
import { createApp } from '../main.js';

/** Opens the app for a one-off command (migrations applied), runs `fn`, then closes the database. */
export async function withApp<T>(flags: Record<string, string | boolean>, fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...flags, 'log-level': 'error' });
  const app = await createApp(config);
  try {
    return await fn(app);
  } finally {
    await app.store.close();
  }
}
