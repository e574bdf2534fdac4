import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bcrypt from 'bcrypt';
import {
  dummyHash,
  dummyPasswordCheck,
  hashPassword,
  passwordCost,
  verifyPassword,
} from '../../src/core/auth/passwords.js';
import type { Collection } from '../../src/core/collection.js';

describe('passwords', () => {
  it('hashes with bcrypt and verifies', async () => {
    const hash = await hashPassword('secret123', 4);
    assert.match(hash, /^\$2[aby]\$04\$/);
    assert.equal(await verifyPassword('secret123', hash), true);
    assert.equal(await verifyPassword('secret124', hash), false);
  });

  it('uses cost 10 when the cost is 0', async () => {
    assert.match(await hashPassword('x', 0), /^\$2[aby]\$10\$/);
  });

  it('never matches an empty or malformed hash', async () => {
    assert.equal(await verifyPassword('', ''), false);
    assert.equal(await verifyPassword('x', 'not-a-hash'), false);
    assert.equal(await verifyPassword('x', null), false);
  });

  it('reads the cost from the password field', () => {
    const c = { fields: [{ name: 'password', type: 'password', cost: 12 }] } as unknown as Collection;
    assert.equal(passwordCost(c), 12);
    const zero = { fields: [{ name: 'password', type: 'password', cost: 0 }] } as unknown as Collection;
    assert.equal(passwordCost(zero), 10);
  });

  it('runs a dummy comparison that always fails', async () => {
    assert.equal(await dummyPasswordCheck('anything', 4), false);
    assert.equal(await dummyPasswordCheck('anything', 4), false);
  });

  it('does not block the event loop while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await hashPassword('secret123', 10);
    clearInterval(timer);
    assert.ok(ticks > 0);
  });
});

describe('dummy comparison', () => {
  // equal work, not equal measured time: timings belong to the benchmark, not to assertions
  it('compares against a well-formed bcrypt hash of the same cost, so it does a real comparison', async () => {
    for (const cost of [4, 8, 10]) {
      const hash = dummyHash(cost);
      assert.equal(bcrypt.getRounds(hash), cost);
      assert.equal(await bcrypt.compare('wrong', hash), false);
    }
    assert.equal(await dummyPasswordCheck('wrong', 8), false);
  });
});
