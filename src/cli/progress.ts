import type { ImportProgress } from '../core/import/index.js';

const WIDTH = 24;
const LABEL: Record<ImportProgress['phase'], string> = {
  collections: 'collections',
  records: 'records',
  files: 'files',
  verify: 'verifying',
};

/**
 * A progress bar on a stream: redrawn in place on a terminal, one line per finished step otherwise
 * (so logs of a run in CI stay readable).
 */
export function progressBar(
  write: (text: string) => void,
  tty: boolean,
): {
  update(p: ImportProgress): void;
  end(): void;
} {
  let last = '';
  let open = false;
  return {
    update(p) {
      const ratio = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const filled = Math.round(ratio * WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
      const what = `${LABEL[p.phase]}${p.collection ? ` ${p.collection}` : ''}`;
      const line = `${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${what} ${p.done}/${p.total}`;
      if (tty) {
        write(`\r${line.padEnd(last.length)}`);
        open = true;
      } else if (p.done === p.total) write(`${line}\n`);
      last = line;
    },
    end() {
      if (open) write('\n');
      open = false;
    },
  };
}
