import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Expr, FilterSyntaxError, OPERATORS, parseFilter, parseSortList } from '../../src/rules/index.js';
import { nodes, strip } from './helpers.js';

/** A generated filter: its source text and the tree (without positions) it must parse to. */
interface Sample {
  readonly src: string;
  readonly ast: Record<string, unknown>;
}

const ws = fc.constantFrom('', ' ', '  ', '\n', '\t', ' // note\n');
const sep = fc.constantFrom(' ', '\n', '\t', ' // c\n');
const segment = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/);
const LITERAL_NAMES = new Set(['true', 'false', 'null', '_']);

const ident: fc.Arbitrary<Sample> = fc
  .record({
    prefix: fc.constantFrom('', '', '@', '#'),
    segs: fc.array(segment, { minLength: 1, maxLength: 4 }),
    modifier: fc.option(fc.constantFrom('each', 'lower', 'isset', 'length', 'changed')),
  })
  .filter(
    ({ prefix, segs, modifier }) =>
      prefix !== '' || modifier !== null || segs.length > 1 || !LITERAL_NAMES.has(segs[0] as string),
  )
  .map(({ prefix, segs, modifier }) => {
    const path = [prefix + segs[0], ...segs.slice(1)];
    const name = path.join('.') + (modifier === null ? '' : `:${modifier}`);
    return { src: name, ast: { kind: 'ident', name, path, modifier } };
  });

const number: fc.Arbitrary<Sample> = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,12}$/), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)))
  .map(([negative, whole, fraction]) => {
    const raw = `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`;
    return { src: raw, ast: { kind: 'number', value: Number(raw), raw } };
  });

const textChars = fc.constantFrom(
  'a',
  'Z',
  ' ',
  '\\',
  "'",
  '"',
  '%',
  '_',
  '\n',
  '\r',
  '/',
  '(',
  ')',
  '&',
  '|',
  '=',
  'é',
);
const text: fc.Arbitrary<Sample> = fc
  .tuple(fc.string({ unit: textChars, maxLength: 12 }), fc.constantFrom("'", '"'))
  .filter(([value]) => !value.endsWith('\\'))
  .map(([value, quote]) => ({
    src: quote + value.replaceAll(quote, `\\${quote}`) + quote,
    ast: { kind: 'text', value },
  }));

const literal: fc.Arbitrary<Sample> = fc.oneof(
  fc.constantFrom('true', 'TRUE', 'True').map((src) => ({ src, ast: { kind: 'bool', value: true } })),
  fc.constantFrom('false', 'fAlSe').map((src) => ({ src, ast: { kind: 'bool', value: false } })),
  fc.constantFrom('null', 'NULL').map((src) => ({ src, ast: { kind: 'null' } })),
);

const leaf = fc.oneof(ident, number, text, literal);

function operand(level: number): fc.Arbitrary<Sample> {
  if (level >= 3) return leaf;
  const call = fc
    .record({
      name: fc.constantFrom('geoDistance', 'strftime', 'f', 'g_2'),
      args: fc.array(operand(level + 1), { maxLength: 4 }),
      comma: fc.constantFrom(',', ', ', ' ,\n', ', // c\n'),
      trailing: fc.boolean(),
    })
    .map(({ name, args, comma, trailing }) => ({
      src: `${name}(${args.map((a) => a.src).join(comma)}${trailing && args.length > 0 ? ',' : ''})`,
      ast: { kind: 'func', name, args: args.map((a) => a.ast) },
    }));
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: call });
}

const comparison: fc.Arbitrary<Sample & { kind: string }> = fc
  .tuple(operand(0), fc.constantFrom(...OPERATORS), operand(0), ws, ws)
  .map(([left, op, right, w1, w2]) => ({
    kind: 'cmp',
    src: `${left.src}${w1}${op}${w2}${right.src}`,
    ast: { kind: 'cmp', op, left: left.ast, right: right.ast },
  }));

/** Parenthesises a child only where precedence or left-associativity requires it (or at random). */
const wrap = (child: Sample & { kind: string }, needed: boolean, extra: boolean) =>
  needed || extra ? `(${child.src})` : child.src;

const { expr } = fc.letrec<{ expr: Sample & { kind: string } }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'expr' },
    comparison,
    fc
      .tuple(fc.constantFrom('and', 'or'), tie('expr'), tie('expr'), sep, fc.boolean(), fc.boolean())
      .map(([kind, left, right, space, extraLeft, extraRight]) => {
        const leftNeeds = kind === 'and' && left.kind === 'or';
        const rightNeeds = right.kind === 'or' || (kind === 'and' && right.kind === 'and');
        const join = kind === 'and' ? '&&' : '||';
        return {
          kind,
          src: `${wrap(left, leftNeeds, extraLeft)}${space}${join}${space}${wrap(right, rightNeeds, extraRight)}`,
          ast: { kind, left: left.ast, right: right.ast },
        };
      }),
  ),
}));

/** Calls `run`; only a FilterSyntaxError pointing inside the input may escape. */
function onlySyntaxErrors(input: string, run: (s: string) => unknown): void {
  try {
    run(input);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    assert.ok(error.position >= 0 && error.position <= input.length, `position ${error.position} outside input`);
  }
}

const alphabet = fc.constantFrom(...'()\'"\\=!?<>~&|,-.:@#_/ \n\t\rab1'.split(''));
const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'replace'), ch: alphabet });

function mutate(src: string, edits: ReadonlyArray<{ at: number; kind: string; ch: string }>): string {
  let out = src;
  for (const { at, kind, ch } of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 'insert') out = out.slice(0, i) + ch + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
}

describe('parseFilter: properties', { timeout: 60_000 }, () => {
  it('parses generated filters back into the tree they were printed from', () => {
    fc.assert(
      fc.property(expr, ({ src, ast }) => {
        assert.deepEqual(strip(parseFilter(src)), ast);
      }),
      { numRuns: 1500 },
    );
  });

  it('points every node position at its own source text', () => {
    fc.assert(
      fc.property(expr, ({ src }) => {
        for (const node of nodes(parseFilter(src) as Expr)) {
          const at = src.slice(node.pos);
          if (node.kind === 'ident' || node.kind === 'func') assert.ok(at.startsWith(node.name));
          if (node.kind === 'number') assert.ok(at.startsWith(node.raw));
          if (node.kind === 'text') assert.match(at, /^['"]/);
          if (node.kind === 'cmp') assert.ok(src.slice(node.opPos).startsWith(node.op));
          if (node.kind === 'and' || node.kind === 'or') assert.match(at, node.kind === 'and' ? /^&&/ : /^\|\|/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but FilterSyntaxError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => onlySyntaxErrors(s, parseFilter)),
      {
        numRuns: 3000,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 300 }), (s) => onlySyntaxErrors(s, parseFilter)),
      {
        numRuns: 5000,
      },
    );
  });

  it('throws nothing but FilterSyntaxError on mutations of valid filters', () => {
    fc.assert(
      fc.property(expr, fc.array(mutation, { minLength: 1, maxLength: 6 }), ({ src }, edits) =>
        onlySyntaxErrors(mutate(src, edits), parseFilter),
      ),
      { numRuns: 5000 },
    );
  });

  it('throws nothing but FilterSyntaxError from parseSortList', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => onlySyntaxErrors(s, parseSortList)),
      {
        numRuns: 2000,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 100 }), (s) => onlySyntaxErrors(s, parseSortList)),
      {
        numRuns: 2000,
      },
    );
  });
});
