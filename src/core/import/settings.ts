import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { loadSettings, SETTINGS_PARAM } from '../settings/persist.js';

/**
 * Copies the stored settings row as it is (plain JSON, or sealed with the encryption key, which the
 * target must then be started with), and puts them in force on the target: file storage follows
 * their `s3` section from here on. Returns false when the source has no stored settings.
 */
export async function copySettings(source: Queryable, target: App): Promise<boolean> {
  const row = await source.get<{ value: unknown; created: unknown; updated: unknown }>(
    sql`SELECT "value", "created", "updated" FROM "_params" WHERE "id" = ${SETTINGS_PARAM}`,
  );
  if (!row || row.value == null) return false;
  const value = String(row.value);
  await target.store.run(sql`
    INSERT INTO "_params" ("id", "value", "created", "updated")
    VALUES (${SETTINGS_PARAM}, ${value}, ${String(row.created ?? '')}, ${String(row.updated ?? '')})
    ON CONFLICT ("id") DO UPDATE SET "value" = excluded."value", "updated" = excluded."updated"`);
  await loadSettings(target);
  return true;
}
