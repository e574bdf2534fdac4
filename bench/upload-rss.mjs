/**
 * Peak memory of Basalt under concurrent large uploads: N clients (default 20) each send one file of
 * SIZE MiB (default 100) through a multipart record create at the same time; prints the server's
 * peak RSS (sampled every 100 ms, and the kernel's high-water mark). The bodies are generated as
 * they are sent, so the client holds none of them whole either.
 *
 *   node bench/upload-rss.mjs [--clients=20] [--size=100]     (run `npm run build` first)
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { must } from './api.mjs';
import { startBasalt } from './basalt.mjs';
import { MULTIPART_TYPE } from './files.mjs';
import { memory, RssSampler, stop } from './proc.mjs';
import { SUPERUSER } from './schema.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CLIENTS = arg('clients', 20);
const SIZE = arg('size', 100) * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

/** Sends one multipart create of SIZE bytes, written chunk by chunk with backpressure. */
function upload(url) {
  const head = Buffer.from(
    `------basaltBenchBoundary\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from('\r\n------basaltBenchBoundary--\r\n');
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/collections/rss_files/records`, {
      method: 'POST',
      headers: { 'content-type': MULTIPART_TYPE, 'content-length': head.length + SIZE + tail.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < SIZE) {
        const n = Math.min(CHUNK.length, SIZE - sent);
        sent += n;
        if (!req.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'basalt-rss-'));
const server = await startBasalt({ root: ROOT, dataDir: join(tmp, 'data'), logDir: tmp });
try {
  const { token } = await must(server.url, 'POST', '/api/collections/_superusers/auth-with-password', {
    body: { identity: SUPERUSER.email, password: SUPERUSER.password },
  });
  await must(server.url, 'POST', '/api/collections', {
    token,
    body: {
      name: 'rss_files',
      type: 'base',
      createRule: '',
      fields: [{ name: 'file', type: 'file', maxSelect: 1, maxSize: SIZE + 1 }],
    },
  });
  const idle = memory(server.child.pid);
  const sampler = new RssSampler(server.child.pid);
  sampler.start();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, () => upload(server.url)));
  sampler.stop();
  const seconds = (performance.now() - t0) / 1000;
  const hwm = memory(server.child.pid)?.hwm;
  process.stdout.write(
    `${CLIENTS} concurrent uploads of ${SIZE / 1024 / 1024} MiB in ${seconds.toFixed(1)} s: ` +
      `idle RSS ${idle?.rss.toFixed(0)} MB, peak RSS ${sampler.peak.toFixed(0)} MB (VmHWM ${hwm?.toFixed(0)} MB)\n`,
  );
} finally {
  await stop(server.child);
  rmSync(tmp, { recursive: true, force: true });
}
