import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Expr, OPERATORS, type Operand, parseFilter, splitOp } from '../../src/rules/index.js';
import { nodes, render, renderFilter } from './helpers.js';

describe('parseFilter: operators', () => {
  it('knows exactly the 16 operators of the grammar', () => {
    assert.deepEqual([...OPERATORS].sort(), [
      '!=',
      '!~',
      '<',
      '<=',
      '=',
      '>',
      '>=',
      '?!=',
      '?!~',
      '?<',
      '?<=',
      '?=',
      '?>',
      '?>=',
      '?~',
      '~',
    ]);
  });

  for (const op of OPERATORS) {
    it(`parses ${op} with and without spaces`, () => {
      for (const input of [`title ${op} 'x'`, `title${op}'x'`, `title\n\t${op}\n'x'`]) {
        const expr = parseFilter(input);
        assert.equal(expr.kind, 'cmp');
        if (expr.kind !== 'cmp') return;
        assert.equal(expr.op, op);
        assert.equal(render(expr.left), 'title');
        assert.equal(render(expr.right), '"x"');
      }
    });
  }

  it('splits the any-match prefix off an operator', () => {
    assert.deepEqual(splitOp('?!~'), { base: '!~', any: true });
    assert.deepEqual(splitOp('>='), { base: '>=', any: false });
  });
});

describe('parseFilter: precedence and grouping', () => {
  const table: Array<[string, string]> = [
    ['a=1 || b=2 && c=3', 'or(a = 1, and(b = 2, c = 3))'],
    ['a=1 && b=2 || c=3', 'or(and(a = 1, b = 2), c = 3)'],
    ['a=1 || b=2 && c=3 || d=4', 'or(or(a = 1, and(b = 2, c = 3)), d = 4)'],
    ['a=1 && b=2 && c=3', 'and(and(a = 1, b = 2), c = 3)'],
    ['a=1 || b=2 || c=3', 'or(or(a = 1, b = 2), c = 3)'],
    ['(a=1 || b=2) && c=3', 'and(or(a = 1, b = 2), c = 3)'],
    ['a=1 && (b=2 || c=3) && d=4', 'and(and(a = 1, or(b = 2, c = 3)), d = 4)'],
    ['a=1 && (b=2 && c=3)', 'and(a = 1, and(b = 2, c = 3))'],
    ['((a=1))', 'a = 1'],
    ['( a = 1 )&&( b = 2 )', 'and(a = 1, b = 2)'],
    ['a=1&&b=2||c=3', 'or(and(a = 1, b = 2), c = 3)'],
  ];
  for (const [input, expected] of table) {
    it(input, () => assert.equal(renderFilter(input), expected));
  }
});

describe('parseFilter: literals and identifiers', () => {
  const table: Array<[string, string]> = [
    ['1 = 1', '1 = 1'],
    ["'x' = title", '"x" = title'],
    ['true = false', 'true = false'],
    ['TRUE != False', 'true != false'],
    ['NULL = x', 'null = x'],
    ['x = -1.5', 'x = -1.5'],
    ['x = 007', 'x = 007'],
    ['x=-0', 'x = -0'],
    ['nulls = truex', 'nulls = truex'],
    ['null.x = true.y', 'null.x = true.y'],
    ['@request.auth.id != ""', '@request.auth.id != ""'],
    ['_a = #b', '_a = #b'],
    ['@now > created', '@now > created'],
    ['@collection.members:m1.user ?= @request.auth.id', '@collection.members:m1.user ?= @request.auth.id'],
  ];
  for (const [input, expected] of table) {
    it(input, () => assert.equal(renderFilter(input), expected));
  }

  it('gives literal nodes their values', () => {
    const operands = (input: string) => nodes(parseFilter(input)).filter((n) => n.kind !== 'cmp');
    assert.deepEqual(
      operands('tRuE = nUlL').map((n) => ({ ...n })),
      [
        { kind: 'bool', value: true, pos: 0 },
        { kind: 'null', pos: 7 },
      ],
    );
    const [num] = operands('-12.50 = x');
    assert.deepEqual({ ...num }, { kind: 'number', value: -12.5, raw: '-12.50', pos: 0 });
  });

  it('keeps true/false/null with a path or modifier as identifiers', () => {
    const expr = parseFilter('true:lower = null.a');
    assert.equal(expr.kind, 'cmp');
    if (expr.kind !== 'cmp') return;
    assert.equal(expr.left.kind, 'ident');
    assert.equal(expr.right.kind, 'ident');
  });
});

describe('parseFilter: modifiers and paths', () => {
  const table: Array<[string, string[], string | null]> = [
    ['tags:each', ['tags'], 'each'],
    ['tags:length', ['tags'], 'length'],
    ['title:lower', ['title'], 'lower'],
    ['@request.body.title:isset', ['@request', 'body', 'title'], 'isset'],
    ['@request.body.role:changed', ['@request', 'body', 'role'], 'changed'],
    ['@request.auth.team.name', ['@request', 'auth', 'team', 'name'], null],
    ['@collection.members:m1.user', ['@collection', 'members:m1', 'user'], null],
    ['@collection.members:m2.user:lower', ['@collection', 'members:m2', 'user'], 'lower'],
    ['meta.items.0.price', ['meta', 'items', '0', 'price'], null],
    ['comments_via_post.text', ['comments_via_post', 'text'], null],
    ['a:b:c', ['a'], 'b:c'],
  ];
  for (const [name, path, modifier] of table) {
    it(name, () => {
      const expr = parseFilter(`${name} = 1`);
      if (expr.kind !== 'cmp' || expr.left.kind !== 'ident') return assert.fail('not an identifier comparison');
      assert.deepEqual(
        { ...expr.left, path: [...expr.left.path] },
        {
          kind: 'ident',
          name,
          path,
          modifier,
          pos: 0,
        },
      );
    });
  }
});

describe('parseFilter: functions', () => {
  const table: Array<[string, string]> = [
    [
      'geoDistance(location.lon, location.lat, 23.32, 42.69) < 25',
      'geoDistance(location.lon, location.lat, 23.32, 42.69) < 25',
    ],
    ["strftime('%Y-%m', created) ?= '2026-01'", 'strftime("%Y-%m", created) ?= "2026-01"'],
    [
      "strftime('%Y', strftime('%Y-%m-%d', strftime('%s', created))) = '2026'",
      'strftime("%Y", strftime("%Y-%m-%d", strftime("%s", created))) = "2026"',
    ],
    ['f() = 1', 'f() = 1'],
    ['f(1,) = 1', 'f(1) = 1'],
    ['f( 1 , 2 ,\n) = 1', 'f(1, 2) = 1'],
    ['f(1, // first\n 2) = 1', 'f(1, 2) = 1'],
    ['f(true, NULL, "x") = 1', 'f(true, null, "x") = 1'],
    ["created > strftime('%Y')", 'created > strftime("%Y")'],
    ['f(a) = g(b) && h() != 1', 'and(f(a) = g(b), h() != 1)'],
    ['f(1,2,3,4,5,6,7,8,9,10) = 1', 'f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) = 1'],
  ];
  for (const [input, expected] of table) {
    it(input.replace(/\n/g, '\\n'), () => assert.equal(renderFilter(input), expected));
  }
});

describe('parseFilter: positions and freezing', () => {
  it('records where every node starts', () => {
    const input = "a = 1 || geo(x, 'y') ?>= -2 && b ~ c";
    const found = nodes(parseFilter(input)).map((n) => [n.kind, n.pos, 'opPos' in n ? n.opPos : null]);
    assert.deepEqual(found, [
      ['or', 6, null],
      ['cmp', 0, 2],
      ['ident', 0, null],
      ['number', 4, null],
      ['and', 28, null],
      ['cmp', 9, 21],
      ['func', 9, null],
      ['ident', 13, null],
      ['text', 16, null],
      ['number', 25, null],
      ['cmp', 31, 33],
      ['ident', 31, null],
      ['ident', 35, null],
    ]);
  });

  it('freezes every node and array of the tree', () => {
    const expr = parseFilter("(a.b:each ?= 'x' || f(g(1), c) > 2) && null = true");
    const all: Array<Expr | Operand> = nodes(expr);
    assert.equal(all.length, 14);
    for (const node of all) {
      assert.ok(Object.isFrozen(node), `${node.kind} is not frozen`);
      if (node.kind === 'ident') assert.ok(Object.isFrozen(node.path));
      if (node.kind === 'func') assert.ok(Object.isFrozen(node.args));
    }
    assert.throws(() => {
      (expr as { kind: string }).kind = 'or';
    }, TypeError);
  });
});
