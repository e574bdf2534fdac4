import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { must } from './api.mjs';
import { say } from './log.mjs';
import { freePort, start, stop, waitHealthy } from './proc.mjs';
import { SUPERUSER } from './schema.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const BOUNDARY = '----basaltBenchBoundary';

/** A multipart body holding one file part of `data` under `field`, as browsers and the SDK send it. */
export function multipartBody(field, name, data) {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

async function load(url, opts) {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.duration, ...opts.request });
  const ok = r['2xx'];
  return { rps: ok / opts.duration, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

/**
 * The file scenarios: download of a 100 KiB file, and upload of a 1 MiB file through multipart
 * create, each against Basalt and against a bare node:http server doing the same with the same
 * bytes on disk. Returns rows for the report, with the ratio Basalt ÷ ceiling.
 */
export async function fileScenarios({ basaltUrl, tmp, logDir, quick, connections }) {
  const token = (
    await must(basaltUrl, 'POST', '/api/collections/_superusers/auth-with-password', {
      body: { identity: SUPERUSER.email, password: SUPERUSER.password },
    })
  ).token;
  await must(basaltUrl, 'POST', '/api/collections', {
    token,
    body: {
      name: 'bench_files',
      type: 'base',
      listRule: '',
      viewRule: '',
      createRule: '',
      fields: [{ name: 'file', type: 'file', maxSelect: 1, maxSize: 2 * 1024 * 1024 }],
    },
  });
  const dir = join(tmp, 'files');
  mkdirSync(dir, { recursive: true });
  const small = randomBytes(100 * 1024);
  const big = randomBytes(1024 * 1024);
  const smallPath = join(dir, 'file-100k.bin');
  writeFileSync(smallPath, small);
  const upload = await fetch(`${basaltUrl}/api/collections/bench_files/records`, {
    method: 'POST',
    headers: { 'content-type': MULTIPART_TYPE },
    body: multipartBody('file', 'file-100k.bin', small),
  });
  const rec = await upload.json();
  if (upload.status !== 200) throw new Error(`file upload failed: ${JSON.stringify(rec)}`);

  const port = await freePort();
  const ceilingUrl = `http://127.0.0.1:${port}`;
  const child = start(
    process.execPath,
    [join(HERE, 'file-ceiling.mjs'), smallPath, dir, String(port)],
    join(logDir, 'file-ceiling.log'),
  );
  await waitHealthy(ceilingUrl, child, performance.now());
  const duration = quick ? 2 : 10;
  const rows = [];
  try {
    const download = { method: 'GET' };
    const uploadReq = {
      method: 'POST',
      headers: { 'content-type': MULTIPART_TYPE },
      body: multipartBody('file', 'big.bin', big),
    };
    const scenarios = [
      {
        name: 'file-download',
        label: 'download a 100 KiB file',
        basalt: `${basaltUrl}/api/files/bench_files/${rec.id}/${rec.file}`,
        request: download,
        connections,
      },
      {
        name: 'file-upload',
        label: 'upload a 1 MiB file (multipart create, c=10)',
        basalt: `${basaltUrl}/api/collections/bench_files/records`,
        request: uploadReq,
        connections: 10,
      },
    ];
    for (const s of scenarios) {
      say(`measuring ${s.name}`);
      const opts = { connections: s.connections, duration, request: s.request };
      const basalt = await load(s.basalt, opts);
      const http = await load(`${ceilingUrl}/file`, opts);
      rows.push({ name: s.name, label: s.label, basalt, http, ratio: http.rps > 0 ? basalt.rps / http.rps : null });
    }
  } finally {
    await stop(child);
  }
  return rows;
}

/** The report lines of the file scenarios. */
export function fileRows(rows) {
  const header = ['file scenario', 'Basalt req/s', 'p99 ms', 'node:http req/s', 'p99 ms', 'ratio'];
  const body = rows.map((r) => [
    r.label,
    r.basalt.rps.toFixed(0),
    String(r.basalt.p99),
    r.http.rps.toFixed(0),
    String(r.http.p99),
    r.ratio === null ? '-' : `${(r.ratio * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i].length)));
  return [header, ...body].map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}
