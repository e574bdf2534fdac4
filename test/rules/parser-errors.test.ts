import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILTER_LIMITS, FilterSyntaxError, parseFilter } from '../../src/rules/index.js';
import { assertSyntaxError, renderFilter } from './helpers.js';

describe('parseFilter: syntax errors', () => {
  const table: Array<[string, string, number]> = [
    ['a = 1)', "unexpected token ')'", 5],
    ['(a = 1', 'unexpected end of input', 6],
    ['a = 1 &&', 'unexpected end of input', 8],
    ['a = 1 && ', 'unexpected end of input', 9],
    ['a =', 'unexpected end of input', 3],
    ['a', 'unexpected end of input', 1],
    ['= 1', "unexpected token '='", 0],
    ['a 1', "unexpected token '1'", 2],
    ['a = 1 b = 2', "unexpected token 'b'", 6],
    ['a = b = c', "unexpected token '='", 6],
    ['()', "unexpected token ')'", 1],
    ['a = 1 && ()', "unexpected token ')'", 10],
    ['a = 1 AND b = 2', "unexpected token 'AND'", 6],
    ['a IN (1, 2)', "unexpected token 'IN'", 2],
    ['a = 1,', "unexpected token ','", 5],
    ['&& a = 1', "unexpected token '&&'", 0],
    ['a = 1 & b = 2', "invalid join '&'", 6],
    ['a = 1 &&& b = 2', "invalid join '&&&'", 6],
    ['a = 1 |& b = 2', "invalid join '|&'", 6],
    ['a == 1', "invalid operator '=='", 2],
    ['a =! 1', "invalid operator '=!'", 2],
    ['a <> 1', "invalid operator '<>'", 2],
    ['a => 1', "invalid operator '=>'", 2],
    ['a ?? 1', "invalid operator '??'", 2],
    ['a ?!!= 1', "invalid operator '?!!='", 2],
    ['!a = 1', "invalid operator '!'", 0],
    ['a = (1)', "unexpected token '('", 4],
    ['f (1) = 1', "unexpected token '('", 2],
    ['f(,) = 1', "unexpected token ','", 2],
    ['f(1,,2) = 1', "unexpected token ','", 4],
    ['f(1 2) = 1', "unexpected token '2'", 4],
    ['f(a = 1) = 1', "unexpected token '='", 4],
    ['f((1)) = 1', "unexpected token '('", 2],
    ['f(1', 'unexpected end of input', 3],
    ['f(1) 1', "unexpected token '1'", 5],
  ];
  for (const [input, reason, position] of table) {
    it(input, () => assertSyntaxError(() => parseFilter(input), reason, position));
  }

  it('is an Error subclass carrying name, reason and position', () => {
    try {
      parseFilter('a = 1 )');
      assert.fail('no error');
    } catch (error) {
      assert.ok(error instanceof FilterSyntaxError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'FilterSyntaxError');
      assert.equal(error.message, "unexpected token ')' at position 6");
      assert.equal(error.position, 6);
    }
  });

  it('truncates long tokens in messages', () => {
    const long = 'x'.repeat(100);
    assertSyntaxError(() => parseFilter(`a = 1 ${long}`), `unexpected token '${'x'.repeat(40)}...'`, 6);
  });
});

describe('parseFilter: limits', () => {
  it('accepts 3500 characters and rejects 3501', () => {
    const exact = `a = '${'x'.repeat(3494)}'`;
    assert.equal(exact.length, 3500);
    assert.equal(parseFilter(exact).kind, 'cmp');
    assertSyntaxError(() => parseFilter(`${exact} `), 'filter longer than 3500 characters', 3500);
  });

  it('lets the caller change the length limit', () => {
    const long = `a = '${'x'.repeat(5000)}'`;
    assert.equal(parseFilter(long, { maxLength: Number.POSITIVE_INFINITY }).kind, 'cmp');
    assertSyntaxError(() => parseFilter('abc = 12345', { maxLength: 10 }), 'filter longer than 10 characters', 10);
  });

  it('accepts 200 comparisons and rejects the 201st', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `f${i} = ${i}`).join(' || ');
    assert.equal(parseFilter(chain(200)).kind, 'or');
    const over = chain(201);
    assertSyntaxError(() => parseFilter(over), 'more than 200 comparisons', over.indexOf('f200 '));
    const grouped = `(${chain(150)}) && (${chain(51)})`;
    assertSyntaxError(() => parseFilter(grouped), 'more than 200 comparisons', grouped.lastIndexOf('f50 '));
  });

  it('accepts three nested function levels and rejects a fourth', () => {
    assert.equal(renderFilter('a(b(c(1))) = 1'), 'a(b(c(1))) = 1');
    assertSyntaxError(() => parseFilter('a(b(c(d(1)))) = 1'), 'functions nested deeper than 3 levels', 6);
    assertSyntaxError(() => parseFilter('x = a(1, b(2, c(3, d())))'), 'functions nested deeper than 3 levels', 19);
    assertSyntaxError(() => parseFilter('f('.repeat(1700)), 'functions nested deeper than 3 levels', 6);
  });

  it('accepts 10 function arguments and rejects the 11th', () => {
    const args = (n: number) => Array.from({ length: n }, (_, i) => `'${i}'`).join(', ');
    assert.equal(parseFilter(`strftime(${args(10)}) = 1`).kind, 'cmp');
    const over = `strftime(${args(11)}) = 1`;
    assertSyntaxError(() => parseFilter(over), "more than 10 arguments in 'strftime'", over.indexOf("'10'"));
  });

  it('accepts 50 nested parentheses and rejects 51', () => {
    const nest = (n: number) => `${'('.repeat(n)}a = 1${')'.repeat(n)}`;
    assert.equal(renderFilter(nest(FILTER_LIMITS.maxGroupDepth)), 'a = 1');
    assertSyntaxError(() => parseFilter(nest(51)), 'parentheses nested deeper than 50 levels', 50);
  });

  it('fails cleanly on hostile nesting that fills the length limit', () => {
    assertSyntaxError(() => parseFilter('('.repeat(3500)), 'parentheses nested deeper than 50 levels', 50);
    assertSyntaxError(() => parseFilter('(a=1&&'.repeat(583)), 'parentheses nested deeper than 50 levels', 300);
    assertSyntaxError(() => parseFilter(')'.repeat(3500)), "unexpected token ')'", 0);
  });
});
