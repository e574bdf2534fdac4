import type { App } from '../app.js';
import { mergeSettings } from '../settings/merge.js';

/** True when `patch` (a settings PATCH body) would change the two-person rule's own settings. */
export function changesTwoPersonRule(app: App, patch: Readonly<Record<string, unknown>>): boolean {
  if (!Object.hasOwn(patch, 'twoPersonRule')) return false;
  const current = app.settings.get();
  const { settings } = mergeSettings(current, patch);
  return JSON.stringify(settings.twoPersonRule) !== JSON.stringify(current.twoPersonRule);
}
