import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * Load worker, run in its own process: `node bench/load.mjs SPEC.json`.
 * SPEC: {url, connections, warmup, duration, method, paths[], body?, headers?}. Prints one JSON result line.
 */
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function drive(seconds) {
  let next = 0;
  const headers = { ...(spec.headers ?? {}) };
  if (spec.body != null) headers['content-type'] = 'application/json';
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest(req) {
          req.method = spec.method;
          req.path = spec.paths[next++ % spec.paths.length];
          req.headers = headers;
          if (spec.body != null) req.body = spec.body;
          return req;
        },
      },
    ],
  });
}

if (spec.warmup > 0) await drive(spec.warmup);
const r = await drive(spec.duration);
const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
const out = {
  tool: 'autocannon',
  requests: completed,
  seconds: r.duration,
  rps: r.duration > 0 ? completed / r.duration : 0,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
  statusCodes,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
