/**
 * What hook code costs on the write path: create throughput with one no-op request hook
 * (`onRecordCreateRequest`) and one no-op model hook (`onRecordCreate`) bound through the public
 * app that hook files receive, against none. One Basalt server (built dist/) in this process, the load
 * from bench/load.mjs in a child process, and the hooks bound and unbound between short interleaved
 * slices, so the drift of a busy machine cancels out.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairedRatio } from './ab-stats.mjs';

/** Runs `pairs` off/on pairs of `seconds` each; resolves with the req/s of every slice and their ratio. */
export async function measureHooksCost({ root, pairs = 6, seconds = 2, connections = 50 }) {
  const { loadConfig } = await import(join(root, 'dist/config/config.js'));
  const { startServer } = await import(join(root, 'dist/main.js'));
  const { createCollection } = await import(join(root, 'dist/core/collections/service.js'));
  const { PluginHost } = await import(join(root, 'dist/plugins/host.js'));
  const { UserApp } = await import(join(root, 'dist/plugins/app.js'));

  const dir = mkdtempSync(join(tmpdir(), 'basalt-hooks-ab-'));
  const flags = { dir, http: '127.0.0.1:0', 'log-level': 'silent', db: '', 'hooks-dir': join(dir, 'no-hooks') };
  const server = await startServer(loadConfig(flags));
  const { app } = server;
  const loader = fork(join(root, 'bench/load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await createCollection(app, { name: 'notes', createRule: '', fields: [{ name: 'title', type: 'text' }] });
    // the handlers a hook file would bind, through the same public app
    const user = new UserApp(new PluginHost(app, 30_000, dir), join(dir, 'bench-hooks.ts'));
    let bound = [];
    const setHooks = (on) => {
      app.events.onRecordCreateRequest.unbind(...bound);
      app.events.onRecordCreate.unbind(...bound);
      bound = on
        ? [user.onRecordCreateRequest((e) => e.next(), 'notes'), user.onRecordCreate((e) => e.next(), 'notes')]
        : [];
    };
    const measure = (spec) =>
      new Promise((resolve, reject) => {
        loader.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
        loader.send(spec);
      });
    const spec = {
      url: server.url,
      connections,
      warmup: 0,
      duration: seconds,
      method: 'POST',
      paths: ['/api/collections/notes/records'],
      body: JSON.stringify({ title: 'a new note' }),
    };
    await measure({ ...spec, duration: Math.min(2, seconds) }); // warm-up
    const rps = { off: [], on: [] };
    for (let i = 0; i < pairs; i++) {
      for (const mode of i % 2 ? ['on', 'off'] : ['off', 'on']) {
        setHooks(mode === 'on');
        const r = await measure(spec);
        if (r.non2xx > 0 || r.errors > 0)
          throw new Error(`hooks ${mode}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
        rps[mode].push(r.rps);
      }
    }
    return { pairs, seconds, connections, off: rps.off, on: rps.on, ratio: pairedRatio(rps.off, rps.on) };
  } finally {
    loader.kill();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line for the report. */
export function hooksLine(h) {
  if (!h) return '';
  if (h.failed) return `Hooks (create, SQLite): not measured: ${h.failed}`;
  const mean = (xs) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  const cost = ((1 - h.ratio) * 100).toFixed(1);
  return (
    `Hooks (create, SQLite, c=${h.connections}, ${h.pairs} interleaved pairs of ${h.seconds} s): ` +
    `${mean(h.on)} req/s with one no-op request hook + one no-op model hook, ${mean(h.off)} req/s without ` +
    `(${(h.ratio * 100).toFixed(1)}%, cost ${cost}%, median of the pairs)`
  );
}
