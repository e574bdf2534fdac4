import type { App } from '../core/app.js';
import { createApprovalsTable } from '../core/approvals/table.js';
import { createAuditTables } from '../core/audit/table.js';
import { collectionsTransaction } from '../core/collections/changes.js';
import { persistCollection } from '../core/collections/persist.js';
import { freshInstallCollections } from '../core/collections/system.js';
import { createOutboxTable } from '../core/outbox/index.js';
import { readLayoutMarker, recordMarkerMigration } from '../core/pocketbase/marker.js';
import { createWebhookTables } from '../core/webhooks/table.js';
import { nowDate } from '../lib/time.js';
import { sql } from '../store/sql.js';
import type { Queryable } from '../store/store.js';

/** A system migration: applied once, in list order, inside its own transaction. */
export interface SystemMigration {
  file: string;
  up(app: App, tx: Queryable): Promise<void>;
}

async function createSystemCollections(_app: App, tx: Queryable): Promise<void> {
  for (const c of freshInstallCollections()) {
    const now = nowDate();
    c.created = now;
    c.updated = now;
    await persistCollection(tx, null, c);
  }
}

const INIT = '1640988000_init_collections';

const systemMigrations: readonly SystemMigration[] = [
  { file: INIT, up: createSystemCollections },
  { file: '1764800000_outbox', up: (_app, tx) => createOutboxTable(tx) },
  { file: '1764900000_webhook_deliveries', up: (_app, tx) => createWebhookTables(tx) },
  { file: '1765000000_audit', up: (_app, tx) => createAuditTables(tx) },
  { file: '1765000001_approvals', up: (_app, tx) => createApprovalsTable(tx) },
];

/** The names system migrations are recorded under in `_migrations` (user migrations never touch them). */
export const SYSTEM_MIGRATION_FILES: ReadonlySet<string> = new Set(systemMigrations.map((m) => m.file));

/**
 * Applies the pending system migrations, records them in `_migrations`, then reloads the
 * collections. In a PocketBase directory served in place they are recorded in its layout marker
 * instead, and the first one counts as done: PocketBase made the system collections itself.
 */
export async function runMigrations(app: App, list: readonly SystemMigration[] = systemMigrations): Promise<string[]> {
  const table = sql.id('_migrations');
  const marker = await readLayoutMarker(app.store);
  const done = marker
    ? new Set([INIT, ...Object.keys(marker.migrations)])
    : new Set(
        (await app.store.all<{ file: string }>(sql`SELECT ${sql.id('file')} FROM ${table}`)).map((r) => String(r.file)),
      );
  const applied: string[] = [];
  for (const m of list) {
    if (done.has(m.file)) continue;
    const ran = await collectionsTransaction(app, async (tx) => {
      if (marker) {
        if ((await readLayoutMarker(tx))?.migrations[m.file]) return false;
        await m.up(app, tx);
        await recordMarkerMigration(tx, marker, m.file);
        return true;
      }
      const seen = await tx.get(sql`SELECT 1 AS found FROM ${table} WHERE ${sql.id('file')} = ${m.file}`);
      if (seen) return false;
      await m.up(app, tx);
      const columns = sql.join([sql.id('file'), sql.id('applied')]);
      await tx.run(sql`INSERT INTO ${table} (${columns}) VALUES (${m.file}, ${Date.now() * 1000})`);
      return true;
    });
    if (ran) applied.push(m.file);
  }
  await app.reloadCollections();
  return applied;
}
