import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SQL_QUOTES, splitParenthesized, splitTopLevel } from '../../src/lib/split-top-level.js';

describe('splitTopLevel', () => {
  it('splits at commas outside parentheses and quotes, trimming items', () => {
    assert.deepEqual(splitTopLevel(' a , b(1, 2) ,"c,d", \'e,f\''), ['a', 'b(1, 2)', '"c,d"', "'e,f'"]);
    assert.deepEqual(splitTopLevel('a,,b,'), ['a', '', 'b', '']);
    assert.deepEqual(splitTopLevel(''), ['']);
  });

  it('ignores a stray closing parenthesis and drops text inside an unterminated quote', () => {
    assert.deepEqual(splitTopLevel('a),b'), ['a)', 'b']);
    assert.deepEqual(splitTopLevel('a,"b,c'), ['a']);
  });

  it('takes other quote characters when told', () => {
    assert.deepEqual(splitTopLevel('[a,b],c', SQL_QUOTES), ['[a,b]', 'c']);
    assert.deepEqual(splitTopLevel('[a,b],c'), ['[a', 'b]', 'c']);
  });
});

describe('splitParenthesized', () => {
  it('splits up to the closing parenthesis and says where it ends', () => {
    const text = 'f(a, g(b, c), `x,y`) rest';
    assert.deepEqual(splitParenthesized(text, 2, SQL_QUOTES), { parts: ['a', 'g(b, c)', '`x,y`'], end: 20 });
    assert.deepEqual(splitParenthesized("('it''s', b)", 1), { parts: ["'it''s'", 'b'], end: 12 });
  });

  it('is null when the group is not closed', () => {
    assert.equal(splitParenthesized('(a, b', 1), null);
    assert.equal(splitParenthesized("(a, ')'", 1), null);
  });
});
