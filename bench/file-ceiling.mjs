/**
 * The ceiling of the file scenarios: a bare node:http server that streams one file from disk
 * (`GET`) and streams a request body to disk (`POST`). Usage: node bench/file-ceiling.mjs FILE DIR PORT
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const [file, dir, port] = process.argv.slice(2);
const size = statSync(file).size;
let n = 0;

createServer(async (req, res) => {
  if (req.url === '/api/health') return res.end('{"code":200}');
  if (req.method === 'POST') {
    const out = join(dir, `upload-${process.pid}-${n++}`);
    await pipeline(req, createWriteStream(out));
    await rm(out, { force: true });
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"ok":true}');
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
  createReadStream(file).pipe(res);
}).listen(Number(port), '127.0.0.1');
