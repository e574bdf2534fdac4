import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './api.mjs';
import { run } from './proc.mjs';
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

/** Runs the load in a separate process (autocannon worker, or wrk) and returns its figures. */
export async function drive(spec, opts, tmpDir) {
  const name = `load-${++counter}`;
  if (opts.useWrk) return runWrk(spec, tmpDir, name);
  const file = join(tmpDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const out = await run(process.execPath, [join(HERE, 'load.mjs'), file]);
  const line = out.stdout.trim().split('\n').pop();
  if (out.code !== 0 || !line?.startsWith('{'))
    throw new Error(`load worker failed: ${out.stderr.trim().slice(0, 400)}`);
  return JSON.parse(line);
}
