import { join } from 'node:path';
import { escapeHtml } from '../../lib/html-escape.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { collectionFromRow } from '../collections/rows.js';
import { Errors } from '../errors.js';
import { logAppError, logAppInfo } from '../logs/index.js';
import { queueMail } from '../mail/queue.js';
import { importData } from './import.js';
import { tableShapes } from './manifest.js';
import { isBackupKey } from './names.js';
import { openStoredBackup } from './open-backup.js';
import { type DrillResult, recordDrillResult } from './results.js';
import { portableSource } from './source.js';
import { problemsOf } from './stage.js';
import { portsOf, useKey } from './state.js';
import { backupExists, listBackups, scratchDir } from './storage.js';

/**
 * A restore drill: restores backup `key` into a scratch SQLite file (whatever the app's database),
 * opens it, runs `PRAGMA integrity_check` and compares row counts and checksums with the manifest,
 * and the number of storage files. The result is kept (GET /api/backups shows it), logged, and
 * mailed to the superusers when the drill fails. Resolves with the result; throws only for a
 * missing backup.
 */
export async function drillBackup(app: App, key: string): Promise<DrillResult> {
  if (!isBackupKey(key) || !(await backupExists(app, key))) throw Errors.missingBackup();
  const started = Date.now();
  const release = useKey(app, key);
  const work = await scratchDir(app, 'drill');
  let result: DrillResult;
  try {
    result = await runDrill(app, key, work.path, started);
  } finally {
    release();
    await work.dispose();
  }
  const keep = (await listBackups(app).catch(() => [])).map((b) => b.key);
  await recordDrillResult(app, result, keep.includes(key) ? keep : [...keep, key]);
  if (result.ok) {
    logAppInfo(app, 'backup drill passed', { type: 'backupDrill', key, rows: result.rows });
  } else {
    logAppError(app, 'backup drill failed', { type: 'backupDrill', key, problems: result.problems });
    await mailSuperusers(app, result).catch((err) => app.log.error({ err }, 'backups: could not queue the drill mail'));
  }
  return result;
}

async function runDrill(app: App, key: string, work: string, started: number): Promise<DrillResult> {
  const ports = portsOf(app);
  const base = { key, checked: new Date().toISOString(), collections: 0, rows: 0 };
  let backup: Awaited<ReturnType<typeof openStoredBackup>>;
  try {
    backup = await openStoredBackup(app, key, work);
  } catch (err) {
    return { ...base, ok: false, durationMs: Date.now() - started, problems: [messageOf(err)] };
  }
  try {
    const file = join(work, 'restored.db');
    if (backup.layout === 'sqlite') {
      await backup.archive.extract('data.db', file);
    } else {
      const store = await ports.openFile(file);
      try {
        const source = await portableSource(backup.archive);
        await store.transaction((tx) => importData(tx, source));
      } finally {
        await store.close();
      }
    }
    const collections = (await ports.readRows(file, '_collections')).map(collectionFromRow);
    const inspection = await ports.inspectFile(file, tableShapes(collections));
    const problems = problemsOf(backup, inspection);
    if (!backup.manifest) problems.push('the backup has no manifest: only its integrity was checked');
    const files = backup.archive.files('storage/').length;
    if (backup.manifest && files !== backup.manifest.files) {
      problems.push(`the backup holds ${files} storage files, expected ${backup.manifest.files}`);
    }
    const digests = Object.values(inspection.digests);
    return {
      ...base,
      ok: problems.length === 0 || (!backup.manifest && problems.length === 1),
      durationMs: Date.now() - started,
      collections: digests.length,
      rows: digests.reduce((n, d) => n + d.rows, 0),
      problems,
    };
  } catch (err) {
    return { ...base, ok: false, durationMs: Date.now() - started, problems: [messageOf(err)] };
  } finally {
    backup.archive.close();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs a drill of the newest backup; nothing when there is none. */
export async function drillNewest(app: App): Promise<DrillResult | null> {
  const [newest] = await listBackups(app);
  return newest ? drillBackup(app, newest.key) : null;
}

/** Tells every superuser, through the mail outbox, that a drill failed. */
async function mailSuperusers(app: App, result: DrillResult): Promise<void> {
  const rows = await app.store.all<{ email: string }>(sql`SELECT ${sql.id('email')} FROM ${sql.id('_superusers')}`);
  const to = rows.map((r) => ({ address: String(r.email) })).filter((a) => a.address !== '');
  if (to.length === 0) return;
  const meta = app.settings.get().meta;
  const lines = result.problems.map((p) => `- ${p}`).join('\n');
  const text = `The restore drill of backup ${result.key} failed (${result.checked}):\n${lines}\n\nThis backup may not restore. Make a new backup and check the storage it is kept in.`;
  const html = `<p>The restore drill of backup <b>${escapeHtml(result.key)}</b> failed (${escapeHtml(result.checked)}):</p><ul>${result.problems
    .map((p) => `<li>${escapeHtml(p)}</li>`)
    .join('')}</ul><p>This backup may not restore. Make a new backup and check the storage it is kept in.</p>`;
  await queueMail(app, app.store, {
    from: { name: meta.senderName, address: meta.senderAddress },
    to,
    subject: `${meta.appName}: backup drill failed for ${result.key}`,
    html,
    text,
  });
}
