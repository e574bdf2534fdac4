/**
 * The settings in the database: one `_params` row (id `settings`) holding the settings JSON, or,
 * with an encryption key configured, that JSON sealed (seal.ts). Reading merges what is stored
 * onto the defaults, so keys added since it was saved get their defaults and keys no longer known
 * are dropped.
 */
import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { hasErrors } from '../validation.js';
import { mergeSettings } from './merge.js';
import { looksSealed, seal, unseal } from './seal.js';
import { defaultSettings, type Settings } from './settings.js';
import { validateSettings } from './validate.js';

/** The `_params` row id. */
export const SETTINGS_PARAM = 'settings';

/** The channel a save is announced on; other instances reload the settings when they hear it (changes.ts). */
export const SETTINGS_CHANNEL = 'basalt_settings';

/** Stored settings that cannot be read: start-up stops with this one-line message. */
export class SettingsUnreadable extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Opens sealed settings with the configured key; refuses, never falls back to the defaults. */
function unsealStored(text: string, app: App): unknown {
  const { encryptionKey, encryptionEnv } = app.config;
  if (!looksSealed(text)) {
    throw new SettingsUnreadable(
      `the stored settings (_params row "${SETTINGS_PARAM}") hold neither a JSON object nor encrypted data`,
    );
  }
  if (!encryptionKey) {
    throw new SettingsUnreadable(
      'the stored settings are encrypted: start with --encryption-env=VAR naming the environment variable that holds their 32-character key',
    );
  }
  const plain = unseal(text, encryptionKey);
  if (plain === null) {
    throw new SettingsUnreadable(
      `the key in ${encryptionEnv || 'the encryption variable'} does not open the stored settings (a different key, or damaged data)`,
    );
  }
  const parsed = parseJson(plain);
  if (!isObject(parsed)) throw new SettingsUnreadable('the decrypted settings are not a JSON object');
  return parsed;
}

/** Settings from the stored column value: plain JSON (read with or without a key) or sealed text. */
function decode(value: unknown, app: App): Settings {
  if (value === null || value === undefined || value === '') return defaultSettings();
  let text = typeof value === 'string' ? value : String(value);
  let parsed = parseJson(text);
  // sealed text written as a JSON string by another tool is sealed text all the same
  if (typeof parsed === 'string') {
    text = parsed;
    parsed = undefined;
  }
  if (parsed === null) return defaultSettings();
  const stored = isObject(parsed) ? parsed : unsealStored(text, app);
  return mergeSettings(defaultSettings(), stored as Record<string, unknown>).settings;
}

/** The stored settings merged onto the defaults (the defaults when none are stored). */
export async function readStoredSettings(app: App, db: Queryable = app.store): Promise<Settings> {
  const row = await db.get<{ value: unknown }>(sql`SELECT "value" FROM "_params" WHERE "id" = ${SETTINGS_PARAM}`);
  return decode(row?.value, app);
}

/** Reads the stored settings and puts them in force (at start-up, and when another instance saved). */
export async function loadSettings(app: App): Promise<void> {
  app.settings.replace(await readStoredSettings(app), (err) =>
    app.log.error({ err }, 'a settings change listener failed'),
  );
}

/**
 * Validates and stores `next`, tells the other instances, and puts it in force here once the write
 * commits: at once, or after the outermost commit of the caller's transaction `db` (never for a
 * rolled-back one). Invalid settings are refused with the settings error, and nothing is written.
 */
export async function saveSettings(app: App, next: Readonly<Settings>, db: Queryable = app.store): Promise<void> {
  const errors = validateSettings(next);
  if (hasErrors(errors)) throw Errors.updateSettingsFailed(errors);
  const snapshot = structuredClone(next) as Settings;
  const json = JSON.stringify(snapshot);
  const value = app.config.encryptionKey ? seal(json, app.config.encryptionKey) : json;
  const now = nowDate();
  await db.transaction(async (tx) => {
    await tx.run(sql`
      INSERT INTO "_params" ("id", "value", "created", "updated") VALUES (${SETTINGS_PARAM}, ${value}, ${now}, ${now})
      ON CONFLICT ("id") DO UPDATE SET "value" = excluded."value", "updated" = excluded."updated"`);
    await app.store.notify(SETTINGS_CHANNEL, '', tx);
  });
  app.store.afterCommit(db, () =>
    app.settings.replace(snapshot, (err) => app.log.error({ err }, 'a settings change listener failed')),
  );
}
