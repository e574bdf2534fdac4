import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFilter } from '../../src/rules/index.js';
import { tokenize } from '../../src/rules/lexer.js';
import { assertSyntaxError, renderFilter } from './helpers.js';

/** The decoded value of the text literal on the right of `x = <literal>`. */
function textValue(literal: string): string {
  const expr = parseFilter(`x = ${literal}`);
  assert.ok(expr.kind === 'cmp' && expr.right.kind === 'text', `not a text literal: ${literal}`);
  return expr.right.value;
}

describe('lexer: text literals', () => {
  const table: Array<[string, string, string]> = [
    ['single-quote escape', "'O\\'Reilly'", "O'Reilly"],
    ['double-quote escape', '"a\\"b"', 'a"b'],
    ['other backslashes stay, both of them', "'a\\\\b'", 'a\\\\b'],
    ['percent sign', "'50%'", '50%'],
    ['other quote inside single quotes', `'say "hi"'`, 'say "hi"'],
    ['other quote inside double quotes', `"it's"`, "it's"],
    ['escaping the other quote keeps the backslash', `'a\\"b'`, 'a\\"b'],
    ['escaping the other quote in double quotes', `"a\\'b"`, "a\\'b"],
    ['\\n stays two characters', "'a\\nb'", 'a\\nb'],
    ['backslash before an escaped quote', "'a\\\\'b'", "a\\'b"],
    ['empty single', "''", ''],
    ['empty double', '""', ''],
    ['comment marker inside text', "'// not a comment'", '// not a comment'],
    ['operators and parens inside text', "'a && (b || c) = d'", 'a && (b || c) = d'],
    ['raw newline, tab and carriage return inside text', "'a\n\t\rb'", 'a\n\t\rb'],
    ['non-ASCII', "'héllo 😀'", 'héllo 😀'],
    ['JSON-style escape of the enclosing quote', '"O\'Reilly \\"Tim\\""', 'O\'Reilly "Tim"'],
  ];
  for (const [name, literal, expected] of table) {
    it(name, () => assert.equal(textValue(literal), expected));
  }

  it('rejects unterminated literals at their opening quote', () => {
    assertSyntaxError(() => parseFilter("x = 'abc"), 'unterminated text literal', 4);
    assertSyntaxError(() => parseFilter("x = 'abc\\'"), 'unterminated text literal', 4);
    assertSyntaxError(() => parseFilter('x = "abc\''), 'unterminated text literal', 4);
  });

  it('keeps the raw source of a text token', () => {
    const [, , text] = tokenize("x = 'O\\'R'");
    assert.deepEqual({ ...text }, { kind: 'text', raw: "'O\\'R'", value: "O'R", pos: 4, end: 10 });
  });
});

describe('lexer: whitespace and comments', () => {
  const table: Array<[string, string]> = [
    ['// leading\na = 1', 'a = 1'],
    ['a = 1 // trailing', 'a = 1'],
    ['a = 1 // && b = 2', 'a = 1'],
    ['a = 1 // c\n && b = 2', 'and(a = 1, b = 2)'],
    ['a // c\n = // d\n 1', 'a = 1'],
    ['a=1//c\n&&b=2', 'and(a = 1, b = 2)'],
    ['\t\na\t=\t1\n', 'a = 1'],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => assert.equal(renderFilter(input), expected));
  }

  it('rejects input that is only whitespace and comments', () => {
    for (const input of ['', ' ', ' \n\t ', '// only a comment', '// one\n// two\n']) {
      assertSyntaxError(() => parseFilter(input), 'empty filter expression', 0);
    }
  });

  it('rejects a carriage return between tokens', () => {
    assertSyntaxError(() => parseFilter('a = 1\r\n&& b = 2'), "unexpected character '\\r'", 5);
    assertSyntaxError(() => parseFilter('\ra = 1'), "unexpected character '\\r'", 0);
  });

  it('accepts a carriage return inside a comment', () => {
    assert.equal(renderFilter('a = 1 // windows\r\n&& b = 2'), 'and(a = 1, b = 2)');
  });

  it('rejects a single slash', () => {
    assertSyntaxError(() => parseFilter('a = 1 / 2'), "unexpected character '/'", 6);
  });
});

describe('lexer: numbers', () => {
  const errors: Array<[string, string | RegExp, number]> = [
    ['x = 1.', "invalid number '1.'", 4],
    ['x = 1.2.3', "invalid number '1.2.3'", 4],
    ['x = -', "invalid number '-'", 4],
    ['x = --1', "invalid number '-'", 4],
    ['x = -.5', "invalid number '-.5'", 4],
    ['x = .5', "unexpected character '.'", 4],
    ['x = 1e5', "unexpected token 'e5'", 5],
    ['x = 0x10', "unexpected token 'x10'", 5],
    ['a-b = 1', "invalid number '-'", 1],
    [`x = 1${'0'.repeat(400)}`, /^number out of range '10{39}\.\.\.'$/, 4],
  ];
  for (const [input, reason, position] of errors) {
    it(`rejects ${input.slice(0, 20)}`, () => assertSyntaxError(() => parseFilter(input), reason, position));
  }
});

describe('lexer: identifiers and other characters', () => {
  const errors: Array<[string, string, number]> = [
    ['@ = 1', "invalid identifier '@'", 0],
    ['_ = 1', "invalid identifier '_'", 0],
    ['# = 1', "invalid identifier '#'", 0],
    ['x = a.', "invalid identifier 'a.'", 4],
    ['x = a:', "invalid identifier 'a:'", 4],
    ['a..b = 1', "invalid identifier 'a..b'", 0],
    ['a.:b = 1', "invalid identifier 'a.:b'", 0],
    ['a::b = 1', "invalid identifier 'a::b'", 0],
    ['x = a.@b', "invalid identifier 'a.'", 4],
    ['é = 1', "unexpected character 'é'", 0],
    ['x = 😀', "unexpected character '😀'", 4],
    ['x = $a', "unexpected character '$'", 4],
    ['x = [1]', "unexpected character '['", 4],
    ['x = 1;', "unexpected character ';'", 5],
    ['x = \u0001', "unexpected character '\\u0001'", 4],
  ];
  for (const [input, reason, position] of errors) {
    it(`rejects ${JSON.stringify(input)}`, () => assertSyntaxError(() => parseFilter(input), reason, position));
  }

  it('accepts identifiers with special starts and inner digits', () => {
    assert.equal(renderFilter('@_ = #a1 && _9.x = a1.b2:c3'), 'and(@_ = #a1, _9.x = a1.b2:c3)');
  });

  it('tokenizes with positions and an eof token', () => {
    const tokens = tokenize('(a?!=-1)||f("x",2)');
    assert.deepEqual(
      tokens.map((t) => [t.kind, t.raw, t.pos]),
      [
        ['lparen', '(', 0],
        ['ident', 'a', 1],
        ['op', '?!=', 2],
        ['number', '-1', 5],
        ['rparen', ')', 7],
        ['join', '||', 8],
        ['ident', 'f', 10],
        ['lparen', '(', 11],
        ['text', '"x"', 12],
        ['comma', ',', 15],
        ['number', '2', 16],
        ['rparen', ')', 17],
        ['eof', '', 18],
      ],
    );
  });
});
