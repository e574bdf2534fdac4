import { coalesced } from '../../lib/coalesce.js';
import type { App } from '../app.js';
import { loadSettings, SETTINGS_CHANNEL } from './persist.js';

/**
 * Reloads the settings when another instance saved them (or the listener reconnected and may have
 * missed a save); bursts coalesce into one reload that reads the latest commit. A reload that fails
 * keeps the settings in force and is logged.
 */
export function followSettingsChanges(app: App): Promise<() => Promise<void>> {
  const reload = coalesced(
    () => loadSettings(app),
    (err) => app.log.error({ err }, 'could not reload the settings after a change elsewhere'),
  );
  return app.store.onChange(SETTINGS_CHANNEL, (e) => {
    if (!e.self) reload();
  });
}
