import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a restore replaces in the data directory; everything else (backups, results) stays. */
const SWAPPED = [
  'data.db',
  'data.db-wal',
  'data.db-shm',
  'auxiliary.db',
  'auxiliary.db-wal',
  'auxiliary.db-shm',
  'storage',
];

export const STAGING = '.restore-staging';
/** Tells this process's own swap (the restart opening the restored data) from one a stopped process left. */
const PROCESS_MARK = randomUUID();
const PREVIOUS = '.restore-previous';
const JOURNAL = '.restore-journal';

/**
 * Moves the staged data into place, the previous data aside. A journal file exists from before the
 * first move until `commitSwap` (the new data opened) or `rollbackSwap`: a process stopped in
 * between finds it on the next start and puts the previous data back (recoverInterruptedRestore).
 * Every move is a rename inside the data directory, so no step leaves a half-written file.
 */
export async function swapIn(dataDir: string): Promise<void> {
  const staging = join(dataDir, STAGING);
  const previous = join(dataDir, PREVIOUS);
  await rm(previous, { recursive: true, force: true });
  await mkdir(previous);
  const existing = SWAPPED.filter((name) => existsSync(join(dataDir, name)));
  await writeFile(join(dataDir, JOURNAL), JSON.stringify({ existing, process: PROCESS_MARK }));
  for (const name of existing) await rename(join(dataDir, name), join(previous, name));
  for (const name of await readdir(staging)) {
    if (SWAPPED.includes(name)) await rename(join(staging, name), join(dataDir, name));
  }
}

/** Puts the previous data back (the restored data did not open, or the swap was interrupted). */
export async function rollbackSwap(dataDir: string): Promise<void> {
  const previous = join(dataDir, PREVIOUS);
  let existing: string[] | null = null;
  try {
    existing = (JSON.parse(await readFile(join(dataDir, JOURNAL), 'utf8')) as { existing: string[] }).existing;
  } catch {
    // no readable journal: the swap had not moved anything yet
  }
  if (existing) {
    for (const name of SWAPPED) {
      const moved = existsSync(join(previous, name));
      // a name the previous data had but not moved yet is still the previous data: it stays
      if (existing.includes(name) && !moved) continue;
      await rm(join(dataDir, name), { recursive: true, force: true });
      if (moved) await rename(join(previous, name), join(dataDir, name));
    }
  }
  await finish(dataDir);
}

/** The restored data opened: the previous data goes. */
export async function commitSwap(dataDir: string): Promise<void> {
  await finish(dataDir);
}

async function finish(dataDir: string): Promise<void> {
  await rm(join(dataDir, JOURNAL), { force: true });
  await rm(join(dataDir, PREVIOUS), { recursive: true, force: true });
  await rm(join(dataDir, STAGING), { recursive: true, force: true });
}

/** At start-up, before the database opens: undoes a restore that was stopped halfway. True when it did. */
export async function recoverInterruptedRestore(dataDir: string): Promise<boolean> {
  const journal = join(dataDir, JOURNAL);
  if (!existsSync(journal)) return false;
  const mark = await readFile(journal, 'utf8').then(
    (text) => (JSON.parse(text) as { process?: string }).process,
    () => undefined,
  );
  // this process is opening the data it just swapped in: not an interruption
  if (mark === PROCESS_MARK) return false;
  await rollbackSwap(dataDir);
  return true;
}
