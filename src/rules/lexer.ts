import { isOp } from './ast.js';
import { FilterSyntaxError, show } from './errors.js';
import { isDigit, isIdentPart, isIdentStart, isValidIdentifier } from './identifier.js';

/**
 * Tokens of the filter language. Whitespace (space, tab, newline) and `//` comments
 * (to the end of the line) separate tokens and are dropped. A `\r` outside a text literal or a
 * comment is a syntax error, like any other character that cannot start a token.
 */
export type TokenKind = 'ident' | 'number' | 'text' | 'op' | 'join' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token, quotes included. */
  readonly raw: string;
  /** Decoded value: the unescaped content for text tokens, `raw` for every other kind. */
  readonly value: string;
  /** Offset of the first character. */
  readonly pos: number;
  /** Offset just past the last character. */
  readonly end: number;
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const OP_CHARS = '=!?<>~';
const JOIN_CHARS = '&|';
const PUNCTUATION: Readonly<Record<string, TokenKind>> = { '(': 'lparen', ')': 'rparen', ',': 'comma' };

/** Splits `input` into tokens, always ending with one `eof` token. Throws FilterSyntaxError. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      i++;
    } else if (ch === '/' && input[i + 1] === '/') {
      const newline = input.indexOf('\n', i);
      i = newline < 0 ? input.length : newline;
    } else {
      const token = scanToken(input, i, ch);
      tokens.push(token);
      i = token.end;
    }
  }
  tokens.push(makeToken('eof', '', input.length));
  return tokens;
}

function scanToken(input: string, start: number, ch: string): Token {
  if (isIdentStart(ch)) return scanIdentifier(input, start);
  if (isDigit(ch) || ch === '-') return scanNumber(input, start);
  if (ch === "'" || ch === '"') return scanText(input, start, ch);
  if (OP_CHARS.includes(ch)) return scanRun(input, start, OP_CHARS, 'op');
  if (JOIN_CHARS.includes(ch)) return scanRun(input, start, JOIN_CHARS, 'join');
  const kind = PUNCTUATION[ch];
  if (kind !== undefined) return makeToken(kind, ch, start);
  const whole = String.fromCodePoint(input.codePointAt(start) as number);
  throw new FilterSyntaxError(`unexpected character ${show(whole)}`, start);
}

function scanIdentifier(input: string, start: number): Token {
  let i = start + 1;
  while (i < input.length && isIdentPart(input[i] as string)) i++;
  const raw = input.slice(start, i);
  if (!isValidIdentifier(raw)) throw new FilterSyntaxError(`invalid identifier ${show(raw)}`, start);
  return makeToken('ident', raw, start);
}

function scanNumber(input: string, start: number): Token {
  let i = start + 1;
  while (i < input.length && (isDigit(input[i] as string) || input[i] === '.')) i++;
  const raw = input.slice(start, i);
  if (!NUMBER.test(raw)) throw new FilterSyntaxError(`invalid number ${show(raw)}`, start);
  if (!Number.isFinite(Number(raw))) throw new FilterSyntaxError(`number out of range ${show(raw)}`, start);
  return makeToken('number', raw, start);
}

/** Only the enclosing quote can be escaped; every other backslash is kept as written. */
function scanText(input: string, start: number, quote: string): Token {
  let value = '';
  let i = start + 1;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === '\\' && input[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (ch === quote) {
      return makeToken('text', input.slice(start, i + 1), start, value);
    } else {
      value += ch;
      i++;
    }
  }
  throw new FilterSyntaxError('unterminated text literal', start);
}

/** Reads a run of operator (or join) characters and checks it is one whole operator. */
function scanRun(input: string, start: number, chars: string, kind: 'op' | 'join'): Token {
  let i = start + 1;
  while (i < input.length && chars.includes(input[i] as string)) i++;
  const raw = input.slice(start, i);
  const valid = kind === 'op' ? isOp(raw) : raw === '&&' || raw === '||';
  if (!valid) throw new FilterSyntaxError(`invalid ${kind === 'op' ? 'operator' : 'join'} ${show(raw)}`, start);
  return makeToken(kind, raw, start);
}

function makeToken(kind: TokenKind, raw: string, pos: number, value = raw): Token {
  return { kind, raw, value, pos, end: pos + raw.length };
}
