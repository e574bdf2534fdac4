import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDocs } from './docs.mjs';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Always writes bench/results/<timestamp>-<db>.json. A complete full run also replaces latest-<db>.json and
 * docs/benchmarks.md; a complete quick run does so only while no full result is recorded.
 */
export function saveResults(root, results) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const { db, quick, only, targets, docs } = results.options;
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}-${db}${quick ? '-quick' : ''}.json`);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, text);
  const written = [file];
  const complete = docs && !only && targets.length === 3;
  const latestFile = join(dir, `latest-${db}.json`);
  const previous = existsSync(latestFile) ? readJson(latestFile) : null;
  if (!complete || (quick && previous && !previous.options?.quick)) return written;
  writeFileSync(latestFile, text);
  written.push(latestFile);
  const latest = {
    sqlite: readJson(join(dir, 'latest-sqlite.json')),
    postgres: readJson(join(dir, 'latest-postgres.json')),
  };
  const page = join(root, 'docs', 'benchmarks.md');
  writeFileSync(page, renderDocs(latest));
  written.push(page);
  return written;
}
