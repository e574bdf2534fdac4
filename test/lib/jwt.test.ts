import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt as joseDecode, SignJWT } from 'jose';
import { decodeJwt, signHs256, verifyHs256 } from '../../src/lib/jwt.js';

const key = new TextEncoder().encode('a-secret-key-of-some-length-0123456789');
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('jwt', () => {
  it('signs tokens that a standard library reads and verifies its own', async () => {
    const token = signHs256({ id: 'x', n: 1 }, key);
    assert.deepEqual(joseDecode(token), { id: 'x', n: 1 });
    assert.deepEqual(decodeJwt(token), { id: 'x', n: 1 });
    assert.equal(verifyHs256(token, key), true);
    const theirs = await new SignJWT({ id: 'y' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    assert.equal(verifyHs256(theirs, key), true);
    assert.deepEqual(decodeJwt(theirs), { id: 'y' });
  });

  it('refuses a wrong key, a changed payload, another algorithm and header extensions', () => {
    const token = signHs256({ id: 'x' }, key);
    assert.equal(verifyHs256(token, new TextEncoder().encode('another key')), false);
    const [h, , s] = token.split('.');
    assert.equal(verifyHs256(`${h}.${b64({ id: 'z' })}.${s}`, key), false);
    for (const header of [
      { alg: 'none' },
      { alg: 'HS512' },
      { alg: 'HS256', crit: ['b64'] },
      { alg: 'HS256', b64: false },
    ]) {
      assert.equal(verifyHs256(`${b64(header)}.${b64({ id: 'x' })}.${s}`, key), false, JSON.stringify(header));
    }
  });

  it('decodes nothing from a malformed token', () => {
    const payload = b64({ id: 'x' });
    for (const bad of [
      '',
      'abc',
      `a.${payload}`,
      `a.${payload}.c.d`,
      `a.${payload}.c.d.e`,
      'a..c',
      `a.${b64('[1,2]')}.c`,
      `a.${b64('null')}.c`,
      `a.${b64('"text"')}.c`,
      `a.${b64('{bad json')}.c`,
      `a.${payload}=.c`,
      `a.${payload.replace(/.$/, '+')}.c`,
      `a.${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')}.c`,
    ]) {
      assert.equal(decodeJwt(bad), null, bad);
      assert.equal(verifyHs256(bad, key), false, bad);
    }
  });
});
