import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { parseOrigins } from '../../src/config/origins.js';

describe('--origins', () => {
  it('accepts * alone and lists of origins', () => {
    assert.deepEqual(parseOrigins('*'), ['*']);
    assert.deepEqual(parseOrigins(' * '), ['*']);
    assert.deepEqual(parseOrigins('https://App.Example, http://localhost:5173/,https://app.example'), [
      'https://app.example',
      'http://localhost:5173',
    ]);
    assert.deepEqual(parseOrigins('capacitor://localhost'), ['capacitor://localhost']);
  });

  it('rejects anything that is not an origin', () => {
    for (const bad of [
      '',
      ' , ',
      '*,https://a.example',
      'example.com',
      'https://a.example/app',
      'https://a.example?x',
      'https://user@a.example',
      'https://',
      '//a.example',
    ]) {
      assert.throws(() => parseOrigins(bad), /invalid --origins/, JSON.stringify(bad));
    }
  });
});

describe('web flags in the boot config', () => {
  it('defaults to any origin, ./basalt_public and no fallback', () => {
    const config = loadConfig({});
    assert.deepEqual(config.origins, ['*']);
    assert.equal(config.publicDir, resolve('basalt_public'));
    assert.equal(config.indexFallback, false);
  });

  it('reads the flags', () => {
    const config = loadConfig({ origins: 'https://a.example', 'public-dir': 'site', 'index-fallback': true });
    assert.deepEqual(config.origins, ['https://a.example']);
    assert.equal(config.publicDir, resolve('site'));
    assert.equal(config.indexFallback, true);
  });

  it('refuses an empty public dir rather than serving the working directory', () => {
    assert.throws(() => loadConfig({ 'public-dir': ' ' }), /invalid --public-dir/);
  });
});
