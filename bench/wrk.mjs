import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';

const lua = (s) => `[==[${s}]==]`;

function script(spec) {
  const headers = { ...(spec.headers ?? {}) };
  if (spec.body != null) headers['Content-Type'] = 'application/json';
  const headerLines = Object.entries(headers).map(([k, v]) => `  [ ${lua(k)} ] = ${lua(v)},`);
  return `local paths = {
${spec.paths.map((p) => `  ${lua(p)},`).join('\n')}
}
local headers = {
${headerLines.join('\n')}
}
local body = ${spec.body == null ? 'nil' : lua(spec.body)}
local i = 0
request = function()
  i = i + 1
  return wrk.format(${lua(spec.method)}, paths[(i % #paths) + 1], headers, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('@@{"requests":%d,"us":%d,"p50":%.3f,"p99":%.3f,"socket":%d,"status":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;
}

/** Same contract as load.mjs, driven by wrk (`-t2`, Lua script for paths, bodies and headers). */
export async function runWrk(spec, tmpDir, name) {
  const file = join(tmpDir, `${name}.lua`);
  writeFileSync(file, script(spec));
  const threads = String(Math.min(2, spec.connections));
  const args = (s) => [
    '-t',
    threads,
    '-c',
    String(spec.connections),
    '-d',
    `${s}s`,
    '--timeout',
    '10s',
    '-s',
    file,
    spec.url,
  ];
  if (spec.warmup > 0) await run('wrk', args(spec.warmup));
  const out = await run('wrk', args(spec.duration));
  const line = out.stdout.split('\n').find((l) => l.startsWith('@@'));
  if (out.code !== 0 || !line) throw new Error(`wrk failed: ${out.stderr || out.stdout}`);
  const r = JSON.parse(line.slice(2));
  const seconds = r.us / 1e6;
  return {
    tool: 'wrk',
    requests: r.requests,
    seconds,
    rps: r.requests / seconds,
    p50: r.p50,
    p99: r.p99,
    errors: r.socket,
    non2xx: r.status,
    statusCodes: {},
  };
}
