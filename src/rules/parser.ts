import {
  boolNode,
  comparison,
  type Expr,
  funcNode,
  logical,
  nullNode,
  numberNode,
  type Op,
  type Operand,
  textNode,
} from './ast.js';
import { FilterSyntaxError, show } from './errors.js';
import { parseIdentifier } from './identifier.js';
import { type Token, type TokenKind, tokenize } from './lexer.js';
import { FILTER_LIMITS } from './limits.js';

export interface ParseFilterOptions {
  /** Longest accepted input; defaults to FILTER_LIMITS.maxLength (3500). */
  readonly maxLength?: number;
}

/**
 * Parses a filter or rule expression into a frozen tree (see ast.ts).
 *
 *   expr       := and ( "||" and )*
 *   and        := group ( "&&" group )*
 *   group      := "(" expr ")" | comparison
 *   comparison := operand op operand
 *   operand    := identifier | number | text | identifier "(" [ operand ( "," operand )* [","] ] ")"
 *
 * A function's "(" must follow its name with nothing in between. Throws FilterSyntaxError for any
 * syntax error, for empty input (nothing but whitespace and comments), and past the limits of
 * FILTER_LIMITS: length, comparisons, function depth and arguments, parentheses depth.
 */
export function parseFilter(input: string, options: ParseFilterOptions = {}): Expr {
  const maxLength = options.maxLength ?? FILTER_LIMITS.maxLength;
  if (input.length > maxLength) {
    throw new FilterSyntaxError(`filter longer than ${maxLength} characters`, maxLength);
  }
  const tokens = tokenize(input);
  if (tokens[0]?.kind === 'eof') throw new FilterSyntaxError('empty filter expression', 0);
  const parser = new Parser(tokens);
  const expr = parser.parseOr(0);
  parser.expect('eof');
  return expr;
}

class Parser {
  private index = 0;
  private comparisons = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseOr(depth: number): Expr {
    let left = this.parseAnd(depth);
    for (let t = this.peek(); t.kind === 'join' && t.value === '||'; t = this.peek()) {
      this.index++;
      left = logical('or', left, this.parseAnd(depth), t.pos);
    }
    return left;
  }

  expect(kind: TokenKind): Token {
    const token = this.peek();
    if (token.kind !== kind) throw unexpected(token);
    if (kind !== 'eof') this.index++;
    return token;
  }

  private parseAnd(depth: number): Expr {
    let left = this.parseGroup(depth);
    for (let t = this.peek(); t.kind === 'join' && t.value === '&&'; t = this.peek()) {
      this.index++;
      left = logical('and', left, this.parseGroup(depth), t.pos);
    }
    return left;
  }

  private parseGroup(depth: number): Expr {
    const open = this.peek();
    if (open.kind !== 'lparen') return this.parseComparison();
    if (depth >= FILTER_LIMITS.maxGroupDepth) {
      throw new FilterSyntaxError(`parentheses nested deeper than ${FILTER_LIMITS.maxGroupDepth} levels`, open.pos);
    }
    this.index++;
    const inner = this.parseOr(depth + 1);
    this.expect('rparen');
    return inner;
  }

  private parseComparison(): Expr {
    const left = this.parseOperand(0);
    const op = this.expect('op');
    const right = this.parseOperand(0);
    this.comparisons++;
    if (this.comparisons > FILTER_LIMITS.maxComparisons) {
      throw new FilterSyntaxError(`more than ${FILTER_LIMITS.maxComparisons} comparisons`, left.pos);
    }
    return comparison(op.value as Op, left, right, op.pos);
  }

  /** `calls` is the number of function calls enclosing this operand. */
  private parseOperand(calls: number): Operand {
    const token = this.peek();
    if (token.kind === 'number') {
      this.index++;
      return numberNode(token.raw, Number(token.raw), token.pos);
    }
    if (token.kind === 'text') {
      this.index++;
      return textNode(token.value, token.pos);
    }
    if (token.kind !== 'ident') throw unexpected(token);
    this.index++;
    const after = this.peek();
    if (after.kind === 'lparen' && after.pos === token.end) return this.parseCall(token, calls + 1);
    const lower = token.raw.toLowerCase();
    if (lower === 'true' || lower === 'false') return boolNode(lower === 'true', token.pos);
    if (lower === 'null') return nullNode(token.pos);
    return parseIdentifier(token.raw, token.pos);
  }

  private parseCall(name: Token, level: number): Operand {
    const { maxFunctionDepth, maxFunctionArgs } = FILTER_LIMITS;
    if (level > maxFunctionDepth) {
      throw new FilterSyntaxError(`functions nested deeper than ${maxFunctionDepth} levels`, name.pos);
    }
    this.index++;
    const args: Operand[] = [];
    while (this.peek().kind !== 'rparen') {
      if (args.length === maxFunctionArgs) {
        throw new FilterSyntaxError(`more than ${maxFunctionArgs} arguments in ${show(name.raw)}`, this.peek().pos);
      }
      args.push(this.parseOperand(level));
      if (this.peek().kind !== 'comma') break;
      this.index++;
    }
    this.expect('rparen');
    return funcNode(name.raw, args, name.pos);
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }
}

function unexpected(token: Token): FilterSyntaxError {
  if (token.kind === 'eof') return new FilterSyntaxError('unexpected end of input', token.pos);
  return new FilterSyntaxError(`unexpected token ${show(token.raw)}`, token.pos);
}
