import { fork } from 'node:child_process';
import { join } from 'node:path';
import { call } from './api.mjs';
import { runWrk } from './wrk.mjs';

const HERE = new URL('.', import.meta.url).pathname;
let counter = 0;

/** The load spec for one scenario against one server. */
export function loadSpec(scenario, server, opts) {
  return {
    url: server.url,
    connections: scenario.connections,
    warmup: opts.warmup,
    duration: opts.duration,
    method: scenario.method,
    paths: scenario.paths,
    body: scenario.body ?? null,
    headers: scenario.auth && server.token ? { authorization: server.token } : {},
  };
}

/** One request shaped like the scenario's first: {status, json, text}, or {status: 0, text} when unreachable. */
export async function probe(spec) {
  try {
    return await call(spec.url, spec.method, spec.paths[0], {
      body: spec.body == null ? undefined : JSON.parse(spec.body),
      token: spec.headers.authorization,
    });
  } catch (e) {
    return { status: 0, json: null, text: String(e?.cause?.message ?? e?.message ?? e) };
  }
}

/** A long-lived autocannon process (bench/load.mjs) that runs one spec at a time over IPC. */
export class LoadWorker {
  constructor() {
    this.child = null;
  }

  run(spec) {
    if (!this.child || this.child.exitCode !== null) {
      this.child = fork(join(HERE, 'load.mjs'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      this.stderr = '';
      this.child.stderr.on('data', (d) => {
        this.stderr = (this.stderr + d).slice(-2000);
      });
    }
    const child = this.child;
    return new Promise((resolve, reject) => {
      const onExit = (code) => reject(new Error(`load worker exited (${code}): ${this.stderr.trim().slice(-400)}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        if (m.ok) resolve(m.result);
        else reject(new Error(`load worker failed: ${m.error.slice(0, 400)}`));
      });
      child.send(spec);
    });
  }

  close() {
    this.child?.kill();
    this.child = null;
  }
}

/** Runs the load with wrk when asked and installed, else with the autocannon worker. */
export async function drive(spec, opts, worker, tmpDir) {
  if (opts.useWrk) return runWrk(spec, tmpDir, `load-${++counter}`);
  return worker.run(spec);
}
