/**
 * Which kind of data directory Basalt is pointed at: its own, or one written by PocketBase v0.23
 * or later, which it serves in place. Anything else PocketBase wrote (data from before v0.23, or a
 * newer layout than the one described here) is refused before a single byte is changed.
 */

/** What a data directory's main database holds (gathered by the store adapter without changing it). */
export interface DataDirFacts {
  tables: Record<string, string[]>;
  migrations: string[];
  params: string[];
}

export type DataDirLayout = 'new' | 'basalt' | 'pocketbase';

/** The marker migration of PocketBase's v0.23 data layout (collections with `fields`, `_superusers`). */
const V023_MIGRATION = '1717233556_v0.23_migrate.go';

/**
 * PocketBase's own migrations whose effect on the layout is known: the v0.23 ones, and the older
 * ones a directory upgraded from earlier versions still lists (their work was folded into v0.23).
 */
export const KNOWN_POCKETBASE_MIGRATIONS: ReadonlySet<string> = new Set([
  '1640988000_init.go',
  '1640988000_aux_init.go',
  '1661586591_add_externalAuths_table.go',
  '1665252058_create_views_table.go',
  '1672577344_multi_match_migrate.go',
  '1673167670_multi_match_migrate.go',
  '1677152688_rename_authentik_to_oidc.go',
  '1678082970_normalize_single_multiple_values.go',
  '1679943780_normalize_single_multiple_values.go',
  '1679943781_add_indexes_column.go',
  '1685164450_check_fk.go',
  '1689579878_renormalize_single_multiple_values.go',
  '1690319366_reset_null_values.go',
  '1690454337_transform_relations_to_views.go',
  '1691747913_resave_views.go',
  '1692609521_copy_display_fields.go',
  '1701496825_allow_single_oauth2_provider_in_multiple_auth_collections.go',
  '1702134272_set_default_json_max_size.go',
  '1718706525_add_login_alert_column.go',
  V023_MIGRATION,
  '1717233557_v0.23_migrate2.go',
  '1717233558_v0.23_migrate3.go',
  '1717233559_v0.23_migrate4.go',
  '1762785011_update_default_auth_alert_templates.go',
]);

/** The `_collections` columns of the v0.23 layout, in any order. */
const COLLECTION_COLUMNS = [
  'id',
  'system',
  'type',
  'name',
  'fields',
  'indexes',
  'listRule',
  'viewRule',
  'createRule',
  'updateRule',
  'deleteRule',
  'options',
  'created',
  'updated',
];

const SYSTEM_TABLES = ['_params', '_superusers', '_externalAuths', '_mfas', '_otps', '_authOrigins'];

/** A data directory Basalt will not open: the message says why and what to do. */
export class UnsupportedDataDir extends Error {}

/** PocketBase names its own migrations after Go files; Basalt's and users' never end so. */
export const isPocketBaseSystemMigration = (file: string): boolean => file.endsWith('.go');

function refuse(dir: string, why: string, todo: string): never {
  throw new UnsupportedDataDir(`${dir} is a PocketBase data directory that Basalt cannot open: ${why}. ${todo}`);
}

/** Checks a PocketBase directory against the v0.23 layout; throws UnsupportedDataDir when it differs. */
function checkPocketBase(dir: string, facts: DataDirFacts): void {
  const goFiles = facts.migrations.filter(isPocketBaseSystemMigration);
  const unknown = goFiles.filter((f) => !KNOWN_POCKETBASE_MIGRATIONS.has(f));
  if (unknown.length > 0) {
    refuse(
      dir,
      `it was migrated by a newer PocketBase than Basalt knows (${unknown.join(', ')})`,
      'Nothing was changed; open it with a Basalt release that supports that version.',
    );
  }
  if (!goFiles.includes(V023_MIGRATION)) {
    refuse(
      dir,
      'its data predates PocketBase v0.23',
      'Nothing was changed; start PocketBase v0.23 or later on it once to upgrade it, then point Basalt at it.',
    );
  }
  const columns = new Set(facts.tables._collections ?? []);
  const missing = COLLECTION_COLUMNS.filter((c) => !columns.has(c));
  const extra = [...columns].filter((c) => !COLLECTION_COLUMNS.includes(c));
  const tables = SYSTEM_TABLES.filter((t) => !facts.tables[t]);
  if (missing.length > 0 || extra.length > 0 || tables.length > 0) {
    const parts = [
      missing.length ? `_collections lacks ${missing.join(', ')}` : '',
      extra.length ? `_collections has unknown columns ${extra.join(', ')}` : '',
      tables.length ? `missing tables ${tables.join(', ')}` : '',
    ].filter(Boolean);
    refuse(dir, `its layout is not the one Basalt knows (${parts.join('; ')})`, 'Nothing was changed.');
  }
}

/**
 * The layout of the data directory `dir` from its facts (null: no database yet). Throws
 * UnsupportedDataDir for PocketBase data Basalt cannot serve as it is.
 */
export function judgeDataDir(dir: string, facts: DataDirFacts | null): DataDirLayout {
  if (!facts?.tables._collections) return 'new';
  if (facts.params.includes(LAYOUT_PARAM)) {
    checkPocketBase(dir, facts);
    return 'pocketbase';
  }
  if (!facts.migrations.some(isPocketBaseSystemMigration)) return 'basalt';
  checkPocketBase(dir, facts);
  return 'pocketbase';
}

/** The `_params` row that records that Basalt serves a PocketBase directory in place (marker.ts). */
export const LAYOUT_PARAM = 'basalt';
