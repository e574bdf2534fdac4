/**
 * User code in a running server: pending migrations of the migrations folder are applied, then the
 * hook files are loaded; with automigrate, collection changes from then on write migration files.
 */
import type { CodeConfig } from '../config/config.js';
import type { App } from '../core/app.js';
import type { CustomRoute } from '../core/custom-route.js';
import { loadHookFiles } from './hook-files.js';
import { PluginHost, type PluginPorts } from './host.js';
import { startAutomigrate } from './migrations/automigrate.js';
import { migrateUp } from './migrations/runner.js';

export interface LoadedPlugins {
  /** routes the hook files added, for the HTTP layer */
  routes: readonly CustomRoute[];
  /** the hook files loaded, in order */
  files: readonly string[];
  /** the migrations applied at start */
  migrated: readonly string[];
}

export async function loadPlugins(app: App, config: CodeConfig, ports: PluginPorts = {}): Promise<LoadedPlugins> {
  const host = new PluginHost(app, config.hooksTimeoutMs, process.cwd(), ports);
  const migrated = await migrateUp(host, config.migrationsDir);
  const files = await loadHookFiles(host, config.hooksDir);
  if (config.automigrate) {
    const stop = startAutomigrate(app, config.migrationsDir);
    app.onClose(stop);
  }
  return { routes: host.routes, files, migrated };
}
