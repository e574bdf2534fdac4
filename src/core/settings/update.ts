import type { App } from '../app.js';
import { twoPersonRuleErrors } from '../approvals/enable-check.js';
import { Errors } from '../errors.js';
import { hasErrors } from '../validation.js';
import { mergeSettings } from './merge.js';
import { readStoredSettings, saveSettings } from './persist.js';
import type { Settings } from './settings.js';

/**
 * A partial settings object deep-merged onto the stored settings, validated, saved and put in force.
 * The merge starts from the stored row inside the saving transaction, so two instances changing
 * different keys at once both keep their change (PostgreSQL runs it serializable and retries).
 * Refused (400, nested field errors, nothing written) for unknown keys, wrong types, over-long lists
 * and values that fail validation, and for turning the two-person rule on with fewer than two superusers.
 */
export async function updateSettings(app: App, patch: Readonly<Record<string, unknown>>): Promise<Settings> {
  return app.store.transaction(async (tx) => {
    const stored = await readStoredSettings(app, tx);
    const { settings, errors } = mergeSettings(stored, patch);
    if (hasErrors(errors)) throw Errors.updateSettingsFailed(errors);
    const ruleErrors = await twoPersonRuleErrors(tx, stored, settings);
    if (ruleErrors) throw Errors.updateSettingsFailed(ruleErrors);
    await saveSettings(app, settings, tx);
    return settings;
  });
}
