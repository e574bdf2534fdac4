import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { recoverInterruptedRestore } from '../../src/core/backups/index.js';
import { backupsState } from '../../src/core/backups/state.js';
import { STAGING, swapIn } from '../../src/core/backups/swap.js';
import { startServer } from '../../src/main.js';
import { removeDir, runCli, setupDialect, tempDir } from '../harness/index.js';

/** A data directory holding `data.db` with `text` and one storage file. */
function dataDir(text: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'data.db'), text);
  mkdirSync(join(dir, 'storage', 'c1'), { recursive: true });
  writeFileSync(join(dir, 'storage', 'c1', 'file.txt'), text);
  return dir;
}

function stage(dir: string, text: string): void {
  mkdirSync(join(dir, STAGING, 'storage'), { recursive: true });
  writeFileSync(join(dir, STAGING, 'data.db'), text);
}

describe('restore swap: an interruption leaves the previous data', () => {
  it('rolls a finished swap back when the process stopped before the restored data opened', async () => {
    const dir = dataDir('previous');
    stage(dir, 'restored');
    await swapIn(dir);
    assert.equal(readFileSync(join(dir, 'data.db'), 'utf8'), 'restored');
    // the same process opening what it swapped in is not an interruption
    assert.equal(await recoverInterruptedRestore(dir), false);
    // a new process finds the journal of a swap that never committed
    const child = runCli(['--version']);
    assert.equal(child.status, 0);
    const journal = JSON.parse(readFileSync(join(dir, '.restore-journal'), 'utf8'));
    journal.process = 'another process';
    writeFileSync(join(dir, '.restore-journal'), JSON.stringify(journal));
    assert.equal(await recoverInterruptedRestore(dir), true);
    assert.equal(readFileSync(join(dir, 'data.db'), 'utf8'), 'previous');
    assert.equal(readFileSync(join(dir, 'storage', 'c1', 'file.txt'), 'utf8'), 'previous');
    assert.equal(existsSync(join(dir, '.restore-journal')), false);
    removeDir(dir);
  });

  it('keeps files the swap had not moved yet when it stopped halfway', async () => {
    const dir = dataDir('previous');
    // the journal is written, data.db moved aside, storage not yet: then the process died
    mkdirSync(join(dir, '.restore-previous'));
    writeFileSync(join(dir, '.restore-journal'), JSON.stringify({ existing: ['data.db', 'storage'], process: 'gone' }));
    writeFileSync(join(dir, '.restore-previous', 'data.db'), readFileSync(join(dir, 'data.db')));
    writeFileSync(join(dir, 'data.db'), 'restored');
    assert.equal(await recoverInterruptedRestore(dir), true);
    assert.equal(readFileSync(join(dir, 'data.db'), 'utf8'), 'previous');
    assert.equal(readFileSync(join(dir, 'storage', 'c1', 'file.txt'), 'utf8'), 'previous');
    removeDir(dir);
  });
});

describe('basalt backup create|list|restore', () => {
  it('backs up, lists and restores a SQLite data directory from the command line', async () => {
    const dir = tempDir();
    const flags = [`--dir=${dir}`];
    assert.equal(runCli(['superuser', 'upsert', 'a@example.com', 'password-123456', ...flags]).status, 0);
    const made = runCli(['backup', 'create', 'cli_backup.zip', ...flags]);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /cli_backup\.zip/);
    assert.equal(runCli(['superuser', 'upsert', 'b@example.com', 'password-123456', ...flags]).status, 0);
    const list = runCli(['backup', 'list', ...flags]);
    assert.match(list.stdout, /^cli_backup\.zip\t\d+\t/m);
    const restored = runCli(['backup', 'restore', 'cli_backup.zip', ...flags]);
    assert.equal(restored.status, 0, restored.stderr);
    // b@ came after the backup: gone; a@ is back
    assert.match(runCli(['superuser', 'delete', 'b@example.com', ...flags]).stdout, /does not exist/);
    assert.doesNotMatch(runCli(['superuser', 'delete', 'a@example.com', ...flags]).stdout, /does not exist/);
    const missing = runCli(['backup', 'restore', 'nope.zip', ...flags]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /Missing or invalid backup file/);
    removeDir(dir);
  });

  it('moves a project from SQLite to PostgreSQL with a backup', async (t) => {
    if (!(process.env.DIALECTS ?? 'postgres').includes('postgres')) return t.skip('PostgreSQL not selected');
    const dir = tempDir();
    const pg = await setupDialect('postgres');
    try {
      assert.equal(runCli(['superuser', 'upsert', 'a@example.com', 'password-123456', `--dir=${dir}`]).status, 0);
      assert.equal(runCli(['backup', 'create', 'move.zip', `--dir=${dir}`]).status, 0);
      // the PostgreSQL app reads its backups from the same folder (local backups storage of its data dir)
      const pgFlags = [`--dir=${dir}`, `--db=${pg.flags.db}`];
      const restored = runCli(['backup', 'restore', 'move.zip', ...pgFlags]);
      assert.equal(restored.status, 0, restored.stderr);
      assert.doesNotMatch(runCli(['superuser', 'delete', 'a@example.com', ...pgFlags]).stdout, /does not exist/);
      // and back: a portable archive of PostgreSQL restores into SQLite
      assert.equal(runCli(['superuser', 'upsert', 'c@example.com', 'password-123456', ...pgFlags]).status, 0);
      assert.equal(runCli(['backup', 'create', 'back.zip', ...pgFlags]).status, 0);
      const back = runCli(['backup', 'restore', 'back.zip', `--dir=${dir}`]);
      assert.equal(back.status, 0, back.stderr);
      assert.doesNotMatch(runCli(['superuser', 'delete', 'c@example.com', `--dir=${dir}`]).stdout, /does not exist/);
    } finally {
      await pg.cleanup();
      removeDir(dir);
    }
  });
});

describe('restart seam: when neither the restored nor the previous data opens', () => {
  it('stops serving and says so through onDown, for the serve command to exit 1', async () => {
    const dir = tempDir();
    const running = await startServer(loadConfig({ dir, http: '127.0.0.1:0', 'log-level': 'silent', db: '' }));
    const downs: unknown[] = [];
    running.onDown((err) => downs.push(err));
    const restarter = backupsState(running.app).restarter;
    assert.ok(restarter);
    const unreadable = async () => writeFileSync(join(dir, 'data.db'), 'not a database at all');
    await assert.rejects(restarter({ swap: unreadable, rollback: unreadable, commit: async () => {} }));
    assert.equal(downs.length, 1);
    await assert.rejects(fetch(`${running.url}/api/health`), 'nothing listens any more');
    await running.close();
    removeDir(dir);
  });
});
