import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBool, toBool } from '../../src/lib/bool.js';

describe('parseBool', () => {
  it('reads the accepted spellings and nothing else', () => {
    for (const t of ['1', 't', 'T', 'true', 'TRUE', 'True']) assert.equal(parseBool(t), true, t);
    for (const f of ['0', 'f', 'F', 'false', 'FALSE', 'False']) assert.equal(parseBool(f), false, f);
    for (const x of ['', ' true', 'tRUE', 'yes', 'on', '2', '"true"']) assert.equal(parseBool(x), undefined, x);
  });
});

describe('toBool', () => {
  it('maps any value to a boolean', () => {
    assert.equal(toBool(true), true);
    assert.equal(toBool(false), false);
    assert.equal(toBool(1), true);
    assert.equal(toBool(-0.5), true);
    assert.equal(toBool(0), false);
    assert.equal(toBool(2n), true);
    assert.equal(toBool(0n), false);
    assert.equal(toBool('t'), true);
    assert.equal(toBool('yes'), false);
    assert.equal(toBool(null), false);
    assert.equal(toBool(undefined), false);
    assert.equal(toBool({}), false);
  });
});
