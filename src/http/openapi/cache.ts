import type { App } from '../../core/app.js';
import { packageVersion } from '../../lib/package-version.js';
import { buildDocument } from './document.js';

interface Cached {
  version: number;
  settings: unknown;
  served: number;
  json: string;
}

const byApp = new WeakMap<App, { superuser?: Cached; other?: Cached }>();

/**
 * The document as JSON text, rebuilt only when the collections (registry version), the settings or
 * the served routes changed since the last build for the same kind of viewer.
 */
export function openApiJson(app: App, superuser: boolean, served: ReadonlySet<string>): string {
  let entry = byApp.get(app);
  if (!entry) {
    entry = {};
    byApp.set(app, entry);
  }
  const key = superuser ? 'superuser' : 'other';
  const settings = app.settings.get();
  const hit = entry[key];
  if (hit && hit.version === app.collections.version && hit.settings === settings && hit.served === served.size) {
    return hit.json;
  }
  const doc = buildDocument(app, { superuser, served, version: packageVersion() });
  const json = JSON.stringify(doc);
  entry[key] = { version: app.collections.version, settings, served: served.size, json };
  return json;
}
