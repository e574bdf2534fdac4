/**
 * Interleaved A/B of rate limiting on view by id: one Basalt server in this process (built dist/), the load
 * from bench/load.mjs in a child process, and rate limits switched off and on between short slices
 * (through the runtime settings, as a settings save does). Interleaving cancels the drift of a busy machine
 * that separate runs cannot. Usage: npm run build && node bench/rate-limits-ab.mjs [pairs=8] [seconds=2]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pairs = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 2);
const { loadConfig } = await import(join(ROOT, 'dist/config/config.js'));
const { startServer } = await import(join(ROOT, 'dist/main.js'));
const { createRecord } = await import(join(ROOT, 'dist/core/records/service.js'));
const { requestInfo, SYSTEM } = await import(join(ROOT, 'dist/core/request.js'));

const dir = mkdtempSync(join(tmpdir(), 'basalt-rl-ab-'));
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

/** The settings with rate limiting on (default rules, raised out of reach) or off. */
function setLimits(enabled) {
  const next = structuredClone(app.settings.get());
  next.rateLimits = {
    enabled,
    rules: next.rateLimits.rules.map((r) => ({ ...r, maxRequests: 1e9 })),
  };
  app.settings.replace(next);
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
    setLimits(mode === 'on');
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
    `rate limits ${mode}: mean ${Math.round(total(rps[mode]))} req/s, median ${Math.round(median(rps[mode]))} [${list}]\n`,
  );
}
const ratio = total(rps.on) / total(rps.off);
process.stdout.write(`on / off: ${(ratio * 100).toFixed(1)}% (cost ${((1 - ratio) * 100).toFixed(1)}%)\n`);
