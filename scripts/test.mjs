#!/usr/bin/env node
// Runs every test/**/*.test.ts file with node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [FILTER...]   keeps files whose path contains one of the filters.
// DIALECTS=sqlite narrows the database dialects (passed through to the tests).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(relative(root, path).split(sep).join('/'));
  }
  return found.sort();
}

const filters = process.argv.slice(2).map((f) => f.replace(/^\.\//, ''));
const all = findTests(join(root, 'test'));
const files = filters.length === 0 ? all : all.filter((file) => filters.some((f) => file.includes(f)));

if (files.length === 0) {
  process.stderr.write(`No test files match ${filters.map((f) => JSON.stringify(f)).join(', ')}.\n`);
  process.exit(1);
}

// TAP as before, then a summary of what failed, which stays readable in a log cut to its tail.
const reporters = ['--test-reporter=tap', '--test-reporter-destination=stdout'];
reporters.push(`--test-reporter=${join(root, 'scripts/failure-summary.mjs')}`, '--test-reporter-destination=stdout');
const args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files];
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
