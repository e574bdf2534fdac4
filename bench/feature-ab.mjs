/**
 * Interleaved A/B of one hot-path feature on view by id: one Basalt server in this process (built dist/),
 * the load from bench/load.mjs in a child process, and the feature switched off and on between short
 * slices (through the runtime settings, as a settings save does). Interleaving cancels the drift of a busy
 * machine that separate runs cannot.
 * Usage: npm run build && node bench/feature-ab.mjs <rate-limits|logs|metrics|hooks> [pairs=30] [seconds=1]
 * Many short pairs beat a few long ones on a shared machine: its speed drifts over seconds, so the
 * closer in time the two slices of a pair, the less of that drift lands in their ratio. With a
 * switch that changes nothing, 30 pairs of 1 s gave −0.6% and +0.4%, where 8 pairs of 3 s spread over
 * several points.
 *   rate-limits: the default rules with limits raised out of reach, against rate limiting disabled;
 *   logs: request logs as by default (kept 5 days, written to the logs database), against logs.maxDays 0;
 *   metrics: request and database statement timings as by default (metrics.enabled), against them off;
 *   hooks: create throughput with one no-op request hook and one no-op model hook, against none
 *   (bench/hooks-ab.mjs, also part of `npm run bench`).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { pairedRatio } from './ab-stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const feature = process.argv[2];
const pairs = Number(process.argv[3] ?? 30);
const seconds = Number(process.argv[4] ?? 1);
if (feature === 'hooks') {
  const { hooksLine, measureHooksCost } = await import('./hooks-ab.mjs');
  process.stdout.write(`${hooksLine(await measureHooksCost({ root: ROOT, pairs, seconds }))}\n`);
  process.exit(0);
}
const { loadConfig } = await import(join(ROOT, 'dist/config/config.js'));
const { startServer } = await import(join(ROOT, 'dist/main.js'));
const { createRecord } = await import(join(ROOT, 'dist/core/records/service.js'));
const { requestInfo, SYSTEM } = await import(join(ROOT, 'dist/core/request.js'));

const dir = mkdtempSync(join(tmpdir(), 'basalt-ab-'));
const server = await startServer(loadConfig({ dir, http: '127.0.0.1:0', 'log-level': 'silent', db: '' }));
const { app } = server;

// a public collection with 1,000 records, created through the services
const { createCollection } = await import(join(ROOT, 'dist/core/collections/service.js'));
await createCollection(app, { name: 'posts', viewRule: '', listRule: '', fields: [{ name: 'title', type: 'text' }] });
const posts = app.collections.find('posts');
const ids = [];
for (let i = 0; i < 1000; i++) {
  const r = await createRecord(app, posts, { data: { title: `post ${i}` }, files: [] }, requestInfo(SYSTEM));
  ids.push(r.id);
}

const defaults = structuredClone(app.settings.get());
/** Settings changes that turn each feature on or off. */
const FEATURES = {
  'rate-limits': (on) => ({
    rateLimits: { enabled: on, rules: defaults.rateLimits.rules.map((r) => ({ ...r, maxRequests: 1e9 })) },
  }),
  logs: (on) => ({ logs: { ...defaults.logs, maxDays: on ? Math.max(1, defaults.logs.maxDays) : 0 } }),
  metrics: (on) => ({ metrics: { ...defaults.metrics, enabled: on } }),
};
if (!FEATURES[feature]) {
  process.stderr.write(
    `usage: node bench/feature-ab.mjs <${Object.keys(FEATURES).join('|')}|hooks> [pairs] [seconds]\n`,
  );
  process.exit(2);
}
function setFeature(on) {
  app.settings.replace({ ...structuredClone(app.settings.get()), ...FEATURES[feature](on) });
}

const loader = fork(join(ROOT, 'bench/load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const measure = (spec) =>
  new Promise((resolve, reject) => {
    loader.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
    loader.send(spec);
  });
const spec = {
  url: server.url,
  connections: 50,
  warmup: 0,
  duration: seconds,
  method: 'GET',
  paths: ids.map((id) => `/api/collections/posts/records/${id}`),
};

await measure({ ...spec, duration: 2 }); // warm-up
const rps = { off: [], on: [] };
for (let i = 0; i < pairs; i++) {
  for (const mode of i % 2 ? ['on', 'off'] : ['off', 'on']) {
    setFeature(mode === 'on');
    const r = await measure(spec);
    if (r.non2xx > 0) throw new Error(`${mode}: ${r.non2xx} non-2xx answers`);
    rps[mode].push(r.rps);
  }
}
loader.kill();
await server.close();
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const mode of ['off', 'on']) {
  const list = rps[mode].map((x) => Math.round(x)).join(', ');
  process.stdout.write(
    `${feature} ${mode}: mean ${Math.round(total(rps[mode]))} req/s, median ${Math.round(median(rps[mode]))} [${list}]\n`,
  );
}
const ratio = pairedRatio(rps.off, rps.on);
const means = total(rps.on) / total(rps.off);
process.stdout.write(
  `on / off: ${(ratio * 100).toFixed(1)}% (cost ${((1 - ratio) * 100).toFixed(1)}%), median of the pairs; ` +
    `ratio of the means ${(means * 100).toFixed(1)}%\n`,
);
