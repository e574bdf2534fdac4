import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { mergeSettings } from '../../src/core/settings/merge.js';
import { seal, unseal } from '../../src/core/settings/seal.js';
import { defaultSettings } from '../../src/core/settings/settings.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz012345';

/** Opens sealed text the way PocketBase's security.Decrypt does: base64, nonce(12) | ciphertext | tag(16). */
function openLikePocketBase(text: string, key: string): string {
  const bytes = Buffer.from(text, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString();
}

/** Seals the way PocketBase's security.Encrypt does. */
function sealLikePocketBase(plain: string, key: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

describe('sealed settings', () => {
  it('uses the PocketBase layout: base64 of nonce, ciphertext and tag', () => {
    const plain = JSON.stringify({ meta: { appName: 'Sealed' } });
    const text = seal(plain, KEY);
    assert.match(text, /^[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(text, 'base64').length, 12 + Buffer.byteLength(plain) + 16);
    assert.equal(openLikePocketBase(text, KEY), plain);
    assert.notEqual(seal(plain, KEY), text, 'a fresh nonce each time');
  });

  it('opens what PocketBase sealed, and refuses another key or damaged data', () => {
    const text = sealLikePocketBase('{"a":1}', KEY);
    assert.equal(unseal(text, KEY), '{"a":1}');
    assert.equal(unseal(text, 'X'.repeat(32)), null);
    const bytes = Buffer.from(text, 'base64');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    assert.equal(unseal(bytes.toString('base64'), KEY), null);
    assert.equal(unseal('{"a":1}', KEY), null);
  });
});

describe('stored settings merged onto the defaults', () => {
  it('fills missing keys, drops unknown ones and keeps defaults for values of the wrong type', () => {
    const { settings } = mergeSettings(defaultSettings(), {
      meta: { appName: 'Old', someRetiredKey: true },
      smtp: { port: 'not a number' },
      rateLimits: { rules: [{ label: 5 }] },
      futureSection: {},
    });
    const expected = defaultSettings();
    expected.meta.appName = 'Old';
    assert.deepEqual(settings, expected);
  });
});

describe('--encryption-env', () => {
  const withEnv = (vars: Record<string, string | undefined>, fn: () => void) => {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    try {
      fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };

  it('reads the key from the named variable', () => {
    withEnv({ TEST_SETTINGS_KEY: KEY }, () => {
      const config = loadConfig({ 'encryption-env': 'TEST_SETTINGS_KEY' });
      assert.equal(config.encryptionKey, KEY);
      assert.equal(config.encryptionEnv, 'TEST_SETTINGS_KEY');
    });
    assert.equal(loadConfig({}).encryptionKey, '');
  });

  it('refuses an unset variable and a key of the wrong length', () => {
    withEnv({ TEST_SETTINGS_KEY: undefined }, () => {
      assert.throws(() => loadConfig({ 'encryption-env': 'TEST_SETTINGS_KEY' }), /TEST_SETTINGS_KEY.*not set/);
    });
    withEnv({ TEST_SETTINGS_KEY: 'short' }, () => {
      assert.throws(() => loadConfig({ 'encryption-env': 'TEST_SETTINGS_KEY' }), /must be 32 .* not 5/);
    });
    // 32 characters but more than 32 bytes
    withEnv({ TEST_SETTINGS_KEY: `é${'a'.repeat(31)}` }, () => {
      assert.throws(() => loadConfig({ 'encryption-env': 'TEST_SETTINGS_KEY' }), /not 33/);
    });
  });
});
