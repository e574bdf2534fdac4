import { loadConfig } from '../config/config.js';
import type { App } from '../core/app.js';
import { createBackup, drillResultOf, listBackups, restoreBackup, setRestarter } from '../core/backups/index.js';
import { createApp } from '../main.js';
import type { Io } from './output.js';
import { withApp } from './with-app.js';

type Flags = Record<string, string | boolean>;

/** `basalt backup create [NAME]`: makes a backup now and prints its key. */
export async function backupCreateCommand(name: string | undefined, flags: Flags, io: Io): Promise<number> {
  const key = await withApp(flags, (app) => createBackup(app, { name }));
  io.out(`Backup ${key} created.\n`);
  return 0;
}

/** `basalt backup list`: one line per backup, newest first, with its last drill. */
export async function backupListCommand(flags: Flags, io: Io): Promise<number> {
  await withApp(flags, async (app) => {
    const list = await listBackups(app);
    if (list.length === 0) io.out('No backups.\n');
    for (const b of list) {
      const drill = drillResultOf(app, b.key);
      const verdict = drill
        ? drill.ok
          ? `drill ok ${drill.checked}`
          : `drill FAILED ${drill.checked}`
        : 'no drill yet';
      io.out(`${b.key}\t${b.size}\t${b.modified}\t${verdict}\n`);
    }
  });
  return 0;
}

/**
 * `basalt backup restore KEY`: the server must be stopped. Stages and checks the backup, swaps it
 * in, and opens the restored data once to prove it; when it does not open, the previous data is put
 * back and the command fails.
 */
export async function backupRestoreCommand(key: string, flags: Flags, io: Io): Promise<number> {
  const config = loadConfig({ ...flags, 'log-level': 'error' });
  let app: App | null = await createApp(config);
  const opened = app;
  setRestarter(opened, async (plan) => {
    await opened.close();
    app = null;
    try {
      await plan.swap();
      await (await createApp(config)).close();
    } catch (err) {
      await plan.rollback();
      throw err;
    }
    await plan.commit();
  });
  try {
    const job = await restoreBackup(opened, key);
    await job.finished;
  } finally {
    await (app as App | null)?.close();
  }
  io.out(`Backup ${key} restored.\n`);
  return 0;
}
