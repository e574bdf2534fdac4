import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { removeDir, runCli, tempDir } from '../harness/index.js';
import { makeCa, makeServerCert, type Pem, send } from './helpers.js';

const fingerprintOf = (pem: string) => new X509Certificate(pem).fingerprint256;

/** A server on random ports over `dir`: HTTPS, plus the plain-HTTP redirect unless `redirect` is false. */
function start(dir: string, flags: Record<string, string | boolean>, redirect = true): Promise<RunningServer> {
  return startServer(
    loadConfig({
      dir,
      ...(redirect ? { http: '127.0.0.1:0' } : {}),
      https: '127.0.0.1:0',
      'log-level': 'silent',
      'public-dir': join(dir, 'no-public'),
      'hooks-dir': join(dir, 'no-hooks'),
      'migrations-dir': join(dir, 'no-migrations'),
      ...flags,
    }),
  );
}

/** Writes a certificate pair the way renewal tools do: each file replaced at once (write aside, rename). */
function install(pair: Pem, certFile: string, keyFile: string): void {
  writeFileSync(`${keyFile}.new`, pair.key);
  writeFileSync(`${certFile}.new`, pair.cert);
  renameSync(`${keyFile}.new`, keyFile);
  renameSync(`${certFile}.new`, certFile);
}

describe('HTTPS with given certificates', () => {
  let dir: string;
  let ca: Pem;
  let certFile: string;
  let keyFile: string;
  let running: RunningServer;

  before(async () => {
    dir = tempDir();
    ca = await makeCa();
    certFile = join(dir, 'server.crt');
    keyFile = join(dir, 'server.key');
    install(await makeServerCert(ca), certFile, keyFile);
    running = await start(dir, { 'tls-cert': certFile, 'tls-key': keyFile });
  });
  after(async () => {
    await running.close();
    removeDir(dir);
  });

  it('serves the API over TLS with the certificate, and HSTS', async () => {
    assert.match(running.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await send(`${running.url}/api/health`, { ca: ca.cert });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).message, 'API is healthy.');
    assert.equal(res.fingerprint, fingerprintOf(readFileSync(certFile, 'utf8')));
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000');
    const missing = await send(`${running.url}/api/nope`, { ca: ca.cert });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['strict-transport-security'], 'max-age=31536000');
  });

  it('refuses clients that do not trust the certificate', async () => {
    await assert.rejects(send(`${running.url}/api/health`), /self-signed|unable to get local issuer|certificate/i);
  });

  it('redirects plain HTTP to HTTPS: 301 for GET, 308 for other methods', async () => {
    assert.ok(running.redirectUrl, 'the redirect address is reported');
    const httpsPort = new URL(running.url).port;
    const get = await send(`${running.redirectUrl}/api/collections/posts/records?page=2`);
    assert.equal(get.status, 301);
    assert.equal(get.headers.location, `https://127.0.0.1:${httpsPort}/api/collections/posts/records?page=2`);
    assert.equal(get.headers['strict-transport-security'], undefined, 'HSTS only over HTTPS');
    const post = await send(`${running.redirectUrl}/api/collections/posts/records`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 308);
    assert.equal(post.headers.location, `https://127.0.0.1:${httpsPort}/api/collections/posts/records`);
    const followed = await send(
      String(get.headers.location).replace('/api/collections/posts/records?page=2', '/api/health'),
      {
        ca: ca.cert,
      },
    );
    assert.equal(followed.status, 200);
  });

  it('picks up renewed certificate files without a restart', async () => {
    const before = (await send(`${running.url}/api/health`, { ca: ca.cert })).fingerprint;
    const renewed = await makeServerCert(ca);
    install(renewed, certFile, keyFile);
    const expected = fingerprintOf(renewed.cert);
    assert.notEqual(expected, before);
    const deadline = Date.now() + 20_000;
    let seen = before;
    while (seen !== expected) {
      if (Date.now() > deadline) throw new Error('the renewed certificate was not served');
      await new Promise((r) => setTimeout(r, 100));
      seen = (await send(`${running.url}/api/health`, { ca: ca.cert })).fingerprint;
    }
    const res = await send(`${running.url}/api/health`, { ca: ca.cert });
    assert.equal(res.status, 200);
  });
});

describe('HTTPS in development without certificate files', () => {
  it('makes a self-signed localhost certificate once and reuses it', async () => {
    const dir = tempDir();
    try {
      const first = await start(dir, { dev: true }, false);
      let pem: string;
      let firstPrint: string;
      try {
        assert.equal(first.redirectUrl, undefined, 'no plain HTTP without --http');
        pem = readFileSync(join(dir, 'tls', 'localhost.crt'), 'utf8');
        const res = await send(`${first.url}/api/health`, { ca: pem });
        assert.equal(res.status, 200);
        firstPrint = res.fingerprint;
        assert.equal(firstPrint, fingerprintOf(pem));
        const cert = new X509Certificate(pem);
        assert.match(String(cert.subjectAltName), /DNS:localhost/);
        assert.match(String(cert.subjectAltName), /IP Address:127\.0\.0\.1/);
      } finally {
        await first.close();
      }
      const second = await start(dir, { dev: true }, false);
      try {
        const res = await send(`${second.url}/api/health`, { ca: pem });
        assert.equal(res.fingerprint, firstPrint, 'the same certificate after a restart');
      } finally {
        await second.close();
      }
    } finally {
      removeDir(dir);
    }
  });
});

describe('HTTPS start-up errors', () => {
  let dir: string;
  let good: Pem;
  let other: Pem;
  before(async () => {
    dir = tempDir();
    const ca = await makeCa();
    good = await makeServerCert(ca);
    other = await makeServerCert(ca);
    writeFileSync(join(dir, 'good.crt'), good.cert);
    writeFileSync(join(dir, 'other.key'), other.key);
    writeFileSync(join(dir, 'junk.crt'), 'not a certificate\n');
  });
  after(() => removeDir(dir));

  const serve = (...flags: string[]) =>
    runCli(['serve', `--dir=${join(dir, 'data')}`, '--http=127.0.0.1:0', '--https=127.0.0.1:0', ...flags]);

  it('stops with a clear error when the key does not match the certificate', () => {
    const r = serve(`--tls-cert=${join(dir, 'good.crt')}`, `--tls-key=${join(dir, 'other.key')}`);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /private key in --tls-key=.*other\.key does not belong to the certificate/);
  });

  it('stops with a clear error when a file cannot be read or holds no certificate', () => {
    const missing = serve(`--tls-cert=${join(dir, 'nope.crt')}`, `--tls-key=${join(dir, 'other.key')}`);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read --tls-cert=.*nope\.crt: no such file/);
    const junk = serve(`--tls-cert=${join(dir, 'junk.crt')}`, `--tls-key=${join(dir, 'other.key')}`);
    assert.equal(junk.status, 1);
    assert.match(junk.stderr, /junk\.crt holds no PEM certificate/);
  });

  it('refuses --https without certificate files outside development, and files without --https', () => {
    const bare = serve();
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /--https needs --tls-cert=FILE and --tls-key=FILE/);
    const half = serve(`--tls-cert=${join(dir, 'good.crt')}`);
    assert.equal(half.status, 2);
    assert.match(half.stderr, /go together/);
    const noHttps = runCli([
      'serve',
      `--dir=${join(dir, 'data')}`,
      `--tls-cert=${join(dir, 'good.crt')}`,
      `--tls-key=x`,
    ]);
    assert.equal(noHttps.status, 2);
    assert.match(noHttps.stderr, /need --https/);
  });
});
