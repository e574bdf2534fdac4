/**
 * `basalt import pocketbase <data dir> --db=postgres://…`: moves a PocketBase pb_data (or a Basalt
 * SQLite data dir) into PostgreSQL, with a progress bar on stderr and a per-collection check at the end.
 */
import { join, resolve } from 'node:path';
import { FsBlobStore } from '../blob/fs/fs-blob.js';
import { loadConfig } from '../config/config.js';
import { type ImportReport, importProject } from '../core/import/index.js';
import { createApp, openStore, recognizeDataDir } from '../main.js';
import { UsageError } from './args.js';
import type { Io } from './output.js';
import { progressBar } from './progress.js';

type Flags = Record<string, string | boolean>;

function table(report: ImportReport): string {
  const lines = ['collection                     rows (source → target)   files   checksum'];
  for (const c of report.collections) {
    const rows = `${c.sourceRows} → ${c.targetRows}`;
    const files = c.sourceFiles > 0 ? `${c.matchingFiles}/${c.sourceFiles}` : '-';
    const sum = c.type === 'view' ? 'view' : c.sourceChecksum === c.targetChecksum ? 'match' : 'DIFFERS';
    lines.push(`${c.ok ? ' ' : '!'} ${c.name.padEnd(28)} ${rows.padEnd(24)} ${files.padEnd(7)} ${sum}`);
  }
  for (const [name, error] of Object.entries(report.failedViews)) {
    lines.push(`! ${name.padEnd(28)} view not created: ${error}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function importPocketBase(dir: string, flags: Flags, io: Io): Promise<number> {
  const db = typeof flags.db === 'string' ? flags.db : '';
  if (!/^postgres(ql)?:\/\//i.test(db)) throw new UsageError('--db=postgres://USER:PASS@HOST:PORT/DB is required');
  const sourceDir = resolve(dir);
  const layout = recognizeDataDir(sourceDir);
  if (layout === 'new') throw new UsageError(`${sourceDir} holds no data.db to import`);
  const targetDir = typeof flags.dir === 'string' ? flags.dir : sourceDir;
  const config = loadConfig({ ...flags, dir: targetDir, db, 'log-level': 'error' });
  const source = await openStore({ dataDir: sourceDir, db: '' });
  const files = new FsBlobStore(join(sourceDir, 'storage'));
  try {
    const target = await createApp(config);
    try {
      io.err(
        `Importing ${layout === 'pocketbase' ? 'PocketBase' : 'Basalt'} data from ${sourceDir} into ${redact(db)}\n`,
      );
      const bar = progressBar((t) => io.err(t), Boolean(process.stderr.isTTY));
      const report = await importProject({ db: source, dir: sourceDir, files }, target, (p) => bar.update(p));
      bar.end();
      io.out(table(report));
      if (report.filesInPlace)
        io.out(`Files stay in ${join(sourceDir, 'storage')} (read there by the new database).\n`);
      if (!report.ok) {
        io.err('error: the import does not match its source (rows marked "!"); run the command again to resume it\n');
        return 1;
      }
      io.out(`Done: every collection verified. Start with: basalt serve --dir=${targetDir} --db=${redact(db)}\n`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await files.close();
    await source.close();
  }
}

/** The URL without its password, for printing. */
function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
