import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, start, waitHealthy } from './proc.mjs';

const HERE = new URL('.', import.meta.url).pathname;

/** Starts a ceiling server (`http`, `sqlite` or `pg`) as its own process and times start → healthy. */
export async function startCeiling(kind, config, logDir) {
  const file = join(logDir, `ceiling-${kind}.json`);
  writeFileSync(file, JSON.stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const log = join(logDir, `ceiling-${kind}.log`);
  const child = start(process.execPath, [join(HERE, `ceiling-${kind}.mjs`), file, String(port)], log);
  const startMs = await waitHealthy(url, child, t0);
  return { name: kind === 'http' ? 'http' : 'db', child, url, startMs, log };
}
