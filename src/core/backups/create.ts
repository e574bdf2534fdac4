import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app.js';
import { Errors } from '../errors.js';
import { logAppError, logAppInfo } from '../logs/index.js';
import { V } from '../validation.js';
import { defaultBackupName, isNewBackupName } from './names.js';
import { recordBackupResult } from './results.js';
import { exclusively } from './state.js';
import { backupExists, backupsBlob, scratchDir } from './storage.js';
import { writePortableArchive } from './write-portable.js';
import { writeSqliteArchive } from './write-sqlite.js';

export interface CreateOptions {
  /** the archive's name (`^[a-z0-9_-]+\.zip$`, at most 150 characters); generated when absent */
  name?: string;
  /** a scheduled backup: `@auto_` name */
  auto?: boolean;
}

/** Checks a requested name: 400 with `data.name` when it is malformed or taken. */
async function checkName(app: App, name: unknown): Promise<void> {
  if (typeof name !== 'string' || !isNewBackupName(name))
    throw Errors.invalidBackupName({ name: V.backupNameInvalid() });
  if (await backupExists(app, name)) throw Errors.invalidBackupName({ name: V.backupNameExists() });
}

/**
 * Makes a backup and stores it; resolves with its key once the archive is stored. Writes go on
 * meanwhile. One backup or restore at a time per instance (400 otherwise).
 */
export async function createBackup(app: App, opts: CreateOptions = {}): Promise<string> {
  const explicit = opts.name !== undefined && opts.name !== '';
  if (explicit) await checkName(app, opts.name);
  const key = explicit ? (opts.name as string) : defaultBackupName(app.settings.get().meta.appName, opts.auto === true);
  return exclusively(app, 'backup', async () => {
    const started = Date.now();
    const work = await scratchDir(app, 'create');
    try {
      const archive = join(work.path, 'backup.zip');
      const source = app.store.backupSource;
      if (source.kind === 'file') await writeSqliteArchive(app, source.file, work.path, archive);
      else await writePortableArchive(app, source.read, work.path, archive);
      const { size } = await stat(archive);
      await backupsBlob(app).putFile(key, archive, 'application/zip');
      const durationMs = Date.now() - started;
      await recordBackupResult(app, {
        key,
        ok: true,
        auto: opts.auto === true,
        finished: new Date().toISOString(),
        durationMs,
        size,
      });
      logAppInfo(app, 'backup created', { type: 'backup', key, size, durationMs });
      return key;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await recordBackupResult(app, {
        key,
        ok: false,
        auto: opts.auto === true,
        finished: new Date().toISOString(),
        durationMs: Date.now() - started,
        size: 0,
        error,
      });
      app.log.error({ err }, 'backup failed');
      logAppError(app, 'backup failed', { type: 'backup', key, error });
      throw Errors.backupFailed();
    } finally {
      await work.dispose();
    }
  });
}
