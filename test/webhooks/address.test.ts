import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { isPrivateAddress, isPrivateHost } from '../../src/core/webhooks/address.js';
import { webhookSignature } from '../../src/core/webhooks/sign.js';

describe('webhook address checks', () => {
  it('refuses loopback, private, link-local and reserved addresses, in every spelling', () => {
    for (const ip of [
      '127.0.0.1',
      '127.255.0.9',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '64:ff9b::192.168.0.1',
    ]) {
      assert.equal(isPrivateAddress(ip), true, ip);
    }
  });

  it('lets public addresses through', () => {
    for (const ip of [
      '8.8.8.8',
      '93.184.215.14',
      '172.32.0.1',
      '2606:4700::1111',
      '64:ff9b::808:808',
      '::ffff:8.8.8.8',
    ]) {
      assert.equal(isPrivateAddress(ip), false, ip);
    }
  });

  it('treats localhost names as private without asking DNS, and leaves other names to delivery time', () => {
    assert.equal(isPrivateHost('localhost'), true);
    assert.equal(isPrivateHost('api.localhost'), true);
    assert.equal(isPrivateHost('hooks.example.com'), false);
    assert.equal(isPrivateHost('::1'), true);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 under the v1 scheme', () => {
    const body = '{"event":"create"}';
    const expected = createHmac('sha256', 'k').update(`1700000000.${body}`).digest('hex');
    assert.equal(webhookSignature('k', 1700000000, body), `v1=${expected}`);
  });
});
