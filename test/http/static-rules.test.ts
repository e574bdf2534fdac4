import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptsHtml } from '../../src/http/static/accepts-html.js';
import { cacheControlFor, isHashedName } from '../../src/http/static/cache-policy.js';
import { isCompressible, pickEncoding } from '../../src/http/static/compression.js';
import { formatStaticPath, readStaticPath } from '../../src/http/static/request-path.js';

describe('hashed file names', () => {
  it('recognises build tools’ content hashes', () => {
    for (const name of [
      'app.3f9a1c2b.js',
      'main.3f9a1c2b4d5e6f70.js',
      'index-BkQ2x9aZ.css',
      'vendor-D1gV_7cO.js',
      'logo-X7QZ3KLM.svg',
      'chunk-vendors.a1b2c3d4.js',
    ]) {
      assert.ok(isHashedName(name), name);
      assert.equal(cacheControlFor(name), 'public, max-age=31536000, immutable');
    }
  });

  it('does not mistake words, dates and versions for hashes', () => {
    for (const name of [
      'index.html',
      'app.js',
      'main-navigation.js',
      'report-20240101.pdf',
      'main-icons202.css',
      'jquery-3.7.1.min.js',
      'deadbeef.js',
      'favicon.ico',
      'README',
    ]) {
      assert.ok(!isHashedName(name), name);
      assert.equal(cacheControlFor(name), 'no-cache');
    }
  });
});

describe('Accept and Accept-Encoding', () => {
  it('knows when HTML is acceptable', () => {
    for (const accept of [undefined, '', 'text/html', 'text/html,application/xhtml+xml;q=0.9', '*/*', 'text/*;q=0.5']) {
      assert.ok(acceptsHtml(accept), String(accept));
    }
    for (const accept of ['application/json', 'text/html;q=0', 'image/png, text/css', 'application/json, */*;q=0']) {
      assert.ok(!acceptsHtml(accept), accept);
    }
  });

  it('picks br or gzip by quality', () => {
    assert.equal(pickEncoding('gzip, deflate, br'), 'br');
    assert.equal(pickEncoding('gzip'), 'gzip');
    assert.equal(pickEncoding('x-gzip'), 'gzip');
    assert.equal(pickEncoding('br;q=0.2, gzip;q=0.8'), 'gzip');
    assert.equal(pickEncoding('*'), 'br');
    assert.equal(pickEncoding('br;q=0, *'), 'gzip');
    assert.equal(pickEncoding('identity'), null);
    assert.equal(pickEncoding('deflate'), null);
    assert.equal(pickEncoding('gzip;q=0'), null);
    assert.equal(pickEncoding(undefined), null);
  });

  it('compresses text types only', () => {
    for (const type of [
      'text/html; charset=utf-8',
      'text/css',
      'application/javascript; charset=utf-8',
      'application/json',
      'image/svg+xml',
      'application/manifest+json',
      'application/wasm',
      'font/ttf',
    ]) {
      assert.ok(isCompressible(type), type);
    }
    for (const type of [
      'image/png',
      'application/zip',
      'font/woff2',
      'application/octet-stream',
      'video/mp4',
      undefined,
    ]) {
      assert.ok(!isCompressible(type), String(type));
    }
  });
});

describe('request paths', () => {
  it('splits and decodes safe paths', () => {
    assert.deepEqual(readStaticPath('/'), { segments: [], trailingSlash: true });
    assert.deepEqual(readStaticPath('/a//b%20c/d.txt?x=/../'), {
      segments: ['a', 'b c', 'd.txt'],
      trailingSlash: false,
    });
    assert.deepEqual(readStaticPath('/docs/'), { segments: ['docs'], trailingSlash: true });
    assert.deepEqual(readStaticPath('/%252e%252e'), { segments: ['%2e%2e'], trailingSlash: false });
  });

  it('refuses escapes, hidden names and the reserved prefixes', () => {
    for (const url of [
      '/..',
      '/a/../b',
      '/%2e%2e/x',
      '/.%2E/x',
      '/a%2fb',
      '/a%2Fb',
      '/a%5cb',
      '/a\\b',
      '/a%00',
      '/%zz',
      '/.env',
      '/a/.git/config',
      '/%2eenv',
      '/api/x',
      '/API',
      '/_/',
      '/_',
      '/./a',
    ]) {
      assert.equal(readStaticPath(url), null, url);
    }
  });

  it('formats a path back with a single leading slash', () => {
    assert.equal(formatStaticPath(['docs'], true), '/docs/');
    assert.equal(formatStaticPath(['a b', 'c?d'], false), '/a%20b/c%3Fd');
    assert.equal(formatStaticPath([], true), '/');
  });
});
