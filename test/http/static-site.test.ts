import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type RawResponse, rawRequest, startApp, type TestApp, tempDir } from '../harness/index.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const SECRET = 'top-secret-outside-the-folder';
const SCRIPT = `export const data = ${JSON.stringify('x'.repeat(4000))};\n`;
const STYLE = `${'body { color: #333; margin: 0 auto; }\n'.repeat(100)}`;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3000, 7)]);

/** A public folder with pages, assets, hidden files, files that try to shadow the API, and symlinks. */
function makeSite(): { root: string; publicDir: string } {
  const root = tempDir('basalt-site-');
  const pub = join(root, 'public');
  const file = (path: string, content: string | Buffer) => {
    mkdirSync(join(pub, path, '..'), { recursive: true });
    writeFileSync(join(pub, path), content);
  };
  file('index.html', '<!doctype html><title>home</title>');
  file('about.html', '<!doctype html><title>about</title>');
  file('app.3f9a1c2b.js', SCRIPT);
  file('index-BkQ2x9aZ.css', STYLE);
  file('styles.css', STYLE);
  file('notes.txt', 'small notes');
  file('data.json', '{"ok":true}');
  file('logo.png', PNG);
  file('docs/index.html', '<!doctype html><title>docs</title>');
  file('docs/guide.html', '<!doctype html><title>guide</title>');
  mkdirSync(join(pub, 'empty'));
  file('.env', 'SECRET=dotfile');
  file('.git/config', '[core] dotfolder');
  file('.well-known/thing.txt', 'hidden folder');
  file('api/health', 'shadow of the health API');
  file('api/nope', 'shadow of an unknown API path');
  file('API/health', 'shadow in capitals');
  file('_/index.html', 'shadow of the dashboard');
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside', 'secret.txt'), SECRET);
  symlinkSync(join(root, 'outside', 'secret.txt'), join(pub, 'linked-out.txt'));
  symlinkSync('../outside', join(pub, 'linked-dir'));
  symlinkSync('notes.txt', join(pub, 'linked-in.txt'));
  symlinkSync('.env', join(pub, 'linked-dot.txt'));
  return { root, publicDir: pub };
}

function assertApiNotFound(res: RawResponse, what: string): void {
  assert.equal(res.status, 404, `${what}: status`);
  assert.match(String(res.headers['content-type']), /^application\/json/, `${what}: content type`);
  assert.deepEqual(JSON.parse(res.body.toString()), {
    data: {},
    message: "The requested resource wasn't found.",
    status: 404,
  });
}

describe('static site', () => {
  let t: TestApp;
  let site: { root: string; publicDir: string };
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    rawRequest(t.url, path, { method, headers });

  before(async () => {
    site = makeSite();
    t = await startApp({ flags: { 'public-dir': site.publicDir } });
  });
  after(() => t?.close());

  it('serves files with their content types', async () => {
    const cases: Array<[string, RegExp, string | Buffer]> = [
      ['/about.html', /^text\/html; charset=utf-8$/, '<!doctype html><title>about</title>'],
      ['/app.3f9a1c2b.js', /javascript/, SCRIPT],
      ['/styles.css', /^text\/css/, STYLE],
      ['/notes.txt', /^text\/plain/, 'small notes'],
      ['/data.json', /^application\/json/, '{"ok":true}'],
      ['/logo.png', /^image\/png$/, PNG],
      ['/linked-in.txt', /^text\/plain/, 'small notes'],
    ];
    for (const [path, type, content] of cases) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(String(res.headers['content-type']), type, path);
      assert.deepEqual(res.body, Buffer.from(content), path);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await get('/about.html', {}, 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], '35');
    assert.equal(res.body.length, 0);
  });

  it('serves index.html for / and for folders, and redirects a folder without its slash', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.equal(home.body.toString(), '<!doctype html><title>home</title>');
    const docs = await get('/docs/');
    assert.equal(docs.body.toString(), '<!doctype html><title>docs</title>');
    const bare = await get('/docs?tab=1');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/docs/?tab=1');
    // a duplicated slash must not turn the redirect into a protocol-relative URL to another host
    const doubled = await get('//docs');
    assert.equal(doubled.headers.location, '/docs/');
    assertApiNotFound(await get('/empty/'), 'a folder without index.html');
    assertApiNotFound(await get('/about.html/'), 'a file asked for as a folder');
    assertApiNotFound(await get('/missing.html'), 'a missing file');
  });

  it('sends ETag and Last-Modified and answers revalidations with 304', async () => {
    const first = await get('/styles.css');
    const etag = String(first.headers.etag);
    const modified = String(first.headers['last-modified']);
    assert.ok(etag.length > 2, 'an ETag');
    assert.ok(!Number.isNaN(Date.parse(modified)), 'a Last-Modified date');
    const revalidations: Array<Record<string, string>> = [{ 'if-none-match': etag }, { 'if-modified-since': modified }];
    for (const headers of revalidations) {
      const again = await get('/styles.css', { ...headers, 'accept-encoding': 'br, gzip' });
      assert.equal(again.status, 304, JSON.stringify(headers));
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal(again.headers['content-encoding'], undefined, 'a 304 announces no encoding');
      assert.match(String(again.headers.vary), /accept-encoding/i);
    }
    const changed = await get('/styles.css', { 'if-none-match': '"something-else"' });
    assert.equal(changed.status, 200);
  });

  it('compresses text files of 1 KiB and more with br or gzip, as asked', async () => {
    const br = await get('/app.3f9a1c2b.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-length'], undefined);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.body).toString(), SCRIPT);
    assert.ok(br.body.length < SCRIPT.length / 4, 'smaller than the file');

    const gzip = await get('/index-BkQ2x9aZ.css', { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.body).toString(), STYLE);

    const preferGzip = await get('/styles.css', { 'accept-encoding': 'br;q=0.5, gzip;q=1' });
    assert.equal(preferGzip.headers['content-encoding'], 'gzip');
    const refused = await get('/styles.css', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);

    const plain = await get('/styles.css');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers['content-length'], String(Buffer.byteLength(STYLE)));
    assert.match(String(plain.headers.vary), /accept-encoding/i, 'caches must keep the variants apart');
    assert.equal(plain.body.toString(), STYLE);

    const head = await get('/styles.css', { 'accept-encoding': 'gzip' }, 'HEAD');
    assert.equal(head.headers['content-encoding'], 'gzip');
  });

  it('leaves images, small files and ranges uncompressed', async () => {
    const png = await get('/logo.png', { 'accept-encoding': 'br, gzip' });
    assert.equal(png.headers['content-encoding'], undefined);
    assert.deepEqual(png.body, PNG);
    const small = await get('/notes.txt', { 'accept-encoding': 'br, gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal(small.body.toString(), 'small notes');
    const range = await get('/styles.css', { 'accept-encoding': 'br, gzip', range: 'bytes=0-3' });
    assert.equal(range.status, 206);
    assert.equal(range.headers['content-encoding'], undefined);
    assert.equal(range.body.toString(), 'body');
  });

  it('never compresses API responses', async () => {
    const token = await t.superuserToken();
    const res = await get('/api/collections', { authorization: token, 'accept-encoding': 'br, gzip' });
    assert.equal(res.status, 200);
    assert.ok(res.body.length > 1024, 'a response large enough to be compressed');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.ok(JSON.parse(res.body.toString()).items.length > 0);
  });

  it('caches hashed file names for a year and revalidates everything else', async () => {
    const immutable = 'public, max-age=31536000, immutable';
    for (const path of ['/app.3f9a1c2b.js', '/index-BkQ2x9aZ.css']) {
      assert.equal((await get(path)).headers['cache-control'], immutable, path);
    }
    for (const path of ['/', '/about.html', '/styles.css', '/docs/', '/logo.png']) {
      assert.equal((await get(path)).headers['cache-control'], 'no-cache', path);
    }
  });

  it('never leaves the folder: .., encoded slashes and dots, backslashes, NUL', async () => {
    const attempts = [
      '/../outside/secret.txt',
      '/docs/../../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/%2E%2E/outside/secret.txt',
      '/.%2e/outside/secret.txt',
      '/%2e%2e%2foutside%2fsecret.txt',
      '/..%2Foutside%2Fsecret.txt',
      '/docs/..%2f..%2foutside/secret.txt',
      '/..%5coutside%5csecret.txt',
      '/..\\outside\\secret.txt',
      '/docs\\..\\..\\outside\\secret.txt',
      '//../outside/secret.txt',
      '/%252e%252e/outside/secret.txt',
      '/notes.txt%00.png',
      `/..${'/..'.repeat(20)}/etc/passwd`,
      '/docs/./guide.html',
    ];
    for (const path of attempts) {
      const res = await get(path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: status ${res.status}`);
      assert.match(String(res.headers['content-type']), /^application\/json/, path);
      assert.ok(!res.body.toString().includes(SECRET), path);
      assert.ok(!res.body.toString().includes('root:'), path);
    }
  });

  it('does not follow symlinks out of the folder', async () => {
    assertApiNotFound(await get('/linked-out.txt'), 'a symlinked file outside');
    assertApiNotFound(await get('/linked-dir/secret.txt'), 'a file in a symlinked folder outside');
    assertApiNotFound(await get('/linked-dir/'), 'a symlinked folder outside');
  });

  it('does not serve hidden files and folders', async () => {
    for (const path of ['/.env', '/.git/config', '/.git/', '/.well-known/thing.txt', '/%2eenv', '/linked-dot.txt']) {
      assertApiNotFound(await get(path), path);
    }
  });

  it('never lets a file shadow /api/ or /_/', async () => {
    // the router decodes %61 before matching: both reach the API, neither the file
    for (const path of ['/api/health', '/%61pi/health']) {
      const health = await get(path);
      assert.equal(health.status, 200, path);
      assert.equal(JSON.parse(health.body.toString()).message, 'API is healthy.', path);
    }
    for (const path of ['/api/nope', '/API/health', '/%61pi/nope', '/api']) {
      const res = await get(path);
      assertApiNotFound(res, path);
      assert.ok(!res.body.toString().includes('shadow'), path);
    }
    // /_/ is the admin dashboard's, whatever the public folder holds
    for (const path of ['/%5f/index.html', '/_/', '/_/index.html', '/_']) {
      const res = await get(path);
      assert.ok(res.headers['content-security-policy'], `${path}: answered by the dashboard`);
      assert.ok(!res.body.toString().includes('shadow'), path);
    }
  });

  it('answers other methods on static paths with the JSON 404', async () => {
    assertApiNotFound(await get('/about.html', {}, 'POST'), 'POST');
    assertApiNotFound(await get('/about.html', {}, 'DELETE'), 'DELETE');
  });

  it('does not fall back to index.html unless asked', async () => {
    assertApiNotFound(await get('/app/settings', { accept: HTML }), 'an unknown page');
  });

  it('serves files from a folder created after start, and nothing from a missing one', async () => {
    const dir = join(tempDir('basalt-late-'), 'public');
    const late = await startApp({ flags: { 'public-dir': dir } });
    try {
      assertApiNotFound(await rawRequest(late.url, '/'), 'a missing folder');
      assert.equal((await rawRequest(late.url, '/api/health')).status, 200);
      mkdirSync(dir);
      writeFileSync(join(dir, 'index.html'), 'late');
      const res = await rawRequest(late.url, '/');
      assert.equal(res.status, 200);
      assert.equal(res.body.toString(), 'late');
    } finally {
      await late.close();
    }
  });

  it('never serves the data directory, even inside the public folder', async () => {
    const root = tempDir('basalt-inside-');
    writeFileSync(join(root, 'index.html'), 'page');
    const inside = await startApp({ flags: { 'public-dir': root, dir: join(root, 'data') } });
    try {
      assert.equal((await rawRequest(inside.url, '/')).body.toString(), 'page');
      assertApiNotFound(await rawRequest(inside.url, '/data/data.db'), 'the database file');
      assertApiNotFound(await rawRequest(inside.url, '/data/'), 'the data directory');
    } finally {
      await inside.close();
    }
  });
});

describe('static site with --index-fallback', () => {
  let t: TestApp;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    rawRequest(t.url, path, { method, headers });

  before(async () => {
    const site = makeSite();
    t = await startApp({ flags: { 'public-dir': site.publicDir, 'index-fallback': true } });
  });
  after(() => t?.close());

  it('answers unknown page paths that accept HTML with /index.html', async () => {
    for (const [path, accept] of [
      ['/app/settings', HTML],
      ['/users/42', 'text/html'],
      ['/deep/nested/route/', '*/*'],
    ] as const) {
      const res = await get(path, { accept });
      assert.equal(res.status, 200, path);
      assert.equal(res.body.toString(), '<!doctype html><title>home</title>', path);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
    }
    const head = await get('/app/settings', { accept: HTML }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    // existing files and folders are still served as they are
    assert.equal(
      (await get('/docs/guide.html', { accept: HTML })).body.toString(),
      '<!doctype html><title>guide</title>',
    );
  });

  it('keeps 404 for missing files, other accepts, other methods, the API and refused paths', async () => {
    assertApiNotFound(await get('/missing.js', { accept: HTML }), 'a missing file with an extension');
    assertApiNotFound(await get('/app/settings', { accept: 'application/json' }), 'a JSON request');
    assertApiNotFound(await get('/app/settings', { accept: 'text/html;q=0' }), 'HTML refused');
    assertApiNotFound(await get('/app/settings', { accept: HTML }, 'POST'), 'POST');
    assertApiNotFound(await get('/api/unknown', { accept: HTML }), 'an unknown API path');
    const dashboard = await get('/_/settings', { accept: HTML });
    assert.ok(dashboard.headers['content-security-policy'], 'the dashboard prefix is the dashboard');
    assert.ok(!dashboard.body.toString().includes('shadow'), 'never the public folder');
    assertApiNotFound(await get('/.git/config', { accept: HTML }), 'a hidden file');
    assertApiNotFound(await get('/.hidden/page', { accept: HTML }), 'a page under a hidden folder');
    assertApiNotFound(await get('/../outside/page', { accept: HTML }), 'a path that leaves the folder');
  });
});
