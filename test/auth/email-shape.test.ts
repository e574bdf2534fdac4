import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEmailShaped } from '../../src/core/auth/email-shape.js';

describe('isEmailShaped', () => {
  it('recognises email-shaped identities', () => {
    assert.equal(isEmailShaped('ann@example.com'), true);
    assert.equal(isEmailShaped('a.b+c@sub.example.co'), true);
    assert.equal(isEmailShaped('ann'), false);
    assert.equal(isEmailShaped('ann@localhost'), false);
    assert.equal(isEmailShaped('a b@example.com'), false);
    assert.equal(isEmailShaped(`${'a'.repeat(250)}@example.com`), false);
  });
});
