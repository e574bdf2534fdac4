import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * The load generator, always in its own process. Forked with IPC it answers each spec message with a result
 * message; run as `node bench/load.mjs SPEC.json` it prints one JSON line.
 * SPEC: {url, connections, warmup, duration, method, paths[], body?, headers?}.
 */

function drive(spec, seconds) {
  let next = 0;
  const headers = { ...(spec.headers ?? {}) };
  if (spec.body != null) headers['content-type'] = 'application/json';
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    sampleInt: 100,
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

async function measure(spec) {
  if (spec.warmup > 0) await drive(spec, spec.warmup);
  const r = await drive(spec, spec.duration);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const completed = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
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
}

if (process.send) {
  process.on('message', async (spec) => {
    try {
      process.send({ ok: true, result: await measure(spec) });
    } catch (e) {
      process.send({ ok: false, error: String(e?.stack ?? e) });
    }
  });
} else {
  const result = await measure(JSON.parse(readFileSync(process.argv[2], 'utf8')));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
