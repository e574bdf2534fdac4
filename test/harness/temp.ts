import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cleanups = new Set<() => void>();

process.once('exit', () => {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // best effort: the process is exiting anyway
    }
  }
});

/** Runs `fn` when the test process exits, unless `cancel` was called first. */
export function onExit(fn: () => void): { cancel(): void } {
  cleanups.add(fn);
  return { cancel: () => void cleanups.delete(fn) };
}

/** Removes a directory made by tempDir now (it is also removed when the test process exits). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh directory under the OS temp dir, mode 0777, removed when the test process exits. */
export function tempDir(prefix = 'basalt-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  onExit(() => removeDir(dir));
  return dir;
}
