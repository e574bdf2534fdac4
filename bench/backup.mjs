/**
 * Create throughput during a backup of a large SQLite database, against the rate without one.
 *
 *   node bench/backup.mjs [--size-mb=1024] [--seconds=15] [--connections=8]
 *
 * Builds a database of about --size-mb (direct inserts in one transaction, the server stopped),
 * starts `basalt serve`, measures record creates per second for --seconds, then again while
 * `POST /api/backups` runs (until it answers), and prints both rates, the errors and the backup's
 * duration. Results go to bench/results/backup-sqlite.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, run, start, stop, waitHealthy } from './proc.mjs';

const BIN = new URL('../bin/basalt', import.meta.url).pathname;
const opts = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, Number(v)];
  }),
);
const sizeMb = opts['size-mb'] || 1024;
const seconds = opts.seconds || 15;
const connections = opts.connections || 8;
const ROW_BYTES = 1000;

const dir = mkdtempSync(join(tmpdir(), 'basalt-bench-backup-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const serveArgs = ['serve', `--dir=${dir}`, `--http=127.0.0.1:${port}`, '--log-level=warn'];

/** One API call over node:http, without a response deadline (a backup of a large database answers when done). */
function api(method, path, token, body) {
  return new Promise((resolve, reject) => {
    const req = request(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => {
        if (res.statusCode >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve(text ? JSON.parse(text) : null);
      });
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function serve() {
  const child = start('node', [BIN, ...serveArgs], join(dir, 'server.log'));
  await waitHealthy(url, child, performance.now(), 120_000);
  return child;
}

async function signIn() {
  const auth = await api('POST', '/api/collections/_superusers/auth-with-password', '', {
    identity: 'bench@example.com',
    password: 'bench-password-123',
  });
  return auth.token;
}

/** Creates for as long as `keepGoing()` says, on `connections` parallel loops; counts successes and errors. */
async function createLoad(token, keepGoing) {
  let ok = 0;
  let errors = 0;
  const loop = async () => {
    while (keepGoing()) {
      try {
        const res = await fetch(`${url}/api/collections/items/records`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: JSON.stringify({ title: 'load', body: randomBytes(96).toString('base64') }),
        });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - t0) / 1000;
  return { ok, errors, seconds: elapsed, rate: ok / elapsed };
}

let server;
try {
  await run('node', [BIN, 'superuser', 'upsert', 'bench@example.com', 'bench-password-123', `--dir=${dir}`]);
  server = await serve();
  const token = await signIn();
  await api('POST', '/api/collections', token, {
    name: 'items',
    type: 'base',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'text', max: 0 },
    ],
  });
  await stop(server);

  console.log(`seeding about ${sizeMb} MB…`);
  const db = new Database(join(dir, 'data.db'));
  db.pragma('journal_mode = WAL');
  const insert = db.prepare('INSERT INTO items (id, title, body) VALUES (?, ?, ?)');
  const rows = Math.ceil((sizeMb * 1024 * 1024) / (ROW_BYTES + 60));
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      insert.run(`s${String(i).padStart(14, '0')}`, `seed ${i}`, randomBytes(ROW_BYTES * 0.75).toString('base64'));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const dbBytes = statSync(join(dir, 'data.db')).size;
  console.log(`data.db: ${(dbBytes / 1024 ** 2).toFixed(0)} MB, ${rows} seeded rows`);

  server = await serve();
  const token2 = await signIn();
  // warm-up, then the rate without a backup
  const warm = Date.now() + 2000;
  await createLoad(token2, () => Date.now() < warm);
  const until = Date.now() + seconds * 1000;
  const normal = await createLoad(token2, () => Date.now() < until);
  console.log(`normal: ${normal.rate.toFixed(0)} creates/s, ${normal.errors} errors`);

  let backupDone = false;
  const b0 = performance.now();
  const backup = api('POST', '/api/backups', token2, { name: 'bench_backup.zip' }).finally(() => {
    backupDone = true;
  });
  const during = await createLoad(token2, () => !backupDone);
  await backup;
  const backupSeconds = (performance.now() - b0) / 1000;
  const list = await api('GET', '/api/backups', token2);
  const size = list.find((b) => b.key === 'bench_backup.zip')?.size ?? 0;
  console.log(
    `during the backup (${backupSeconds.toFixed(1)} s, archive ${(size / 1024 ** 2).toFixed(0)} MB): ${during.rate.toFixed(0)} creates/s, ${during.errors} errors`,
  );
  const ratio = during.rate / normal.rate;
  console.log(`ratio: ${(ratio * 100).toFixed(0)}% of the normal rate`);
  const result = {
    date: new Date().toISOString(),
    command: `node bench/backup.mjs --size-mb=${sizeMb} --seconds=${seconds} --connections=${connections}`,
    dbMB: Math.round(dbBytes / 1024 ** 2),
    archiveMB: Math.round(size / 1024 ** 2),
    backupSeconds: Number(backupSeconds.toFixed(1)),
    normal: { rate: Math.round(normal.rate), errors: normal.errors, created: normal.ok },
    during: { rate: Math.round(during.rate), errors: during.errors, created: during.ok },
    ratio: Number(ratio.toFixed(2)),
  };
  writeFileSync(new URL('./results/backup-sqlite.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stop(server);
  rmSync(dir, { recursive: true, force: true });
}
