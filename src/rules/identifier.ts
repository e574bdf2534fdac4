import { type IdentOperand, identNode } from './ast.js';
import { FilterSyntaxError, show } from './errors.js';

/**
 * Identifier syntax: starts with an ASCII letter, `_`, `@` or `#`; continues with
 * letters, digits, `_`, `.` and `:`; does not end in `.` or `:`; is not a lone `@`, `_` or `#`.
 * On top of the grammar, no '.'-separated segment and no ':'-separated part of a segment may be
 * empty (`a..b`, `a.:b`, `a::b` are rejected), since no field path can contain one.
 */

export function isLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

export function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

export function isIdentStart(ch: string): boolean {
  return isLetter(ch) || ch === '_' || ch === '@' || ch === '#';
}

export function isIdentPart(ch: string): boolean {
  return isLetter(ch) || isDigit(ch) || ch === '_' || ch === '.' || ch === ':';
}

export function isValidIdentifier(text: string): boolean {
  if (text.length === 0 || !isIdentStart(text[0] as string)) return false;
  if (text === '@' || text === '_' || text === '#') return false;
  for (let i = 1; i < text.length; i++) {
    if (!isIdentPart(text[i] as string)) return false;
  }
  for (const segment of text.split('.')) {
    if (segment.split(':').includes('')) return false;
  }
  return true;
}

/**
 * Splits a raw identifier into the `ident` operand shape (see IdentOperand): path segments, and
 * the `:modifier` of the last segment. Throws FilterSyntaxError when `raw` is not an identifier.
 * `true`/`false`/`null` are returned as identifiers here; only parseFilter turns them into literals.
 */
export function parseIdentifier(raw: string, pos = 0): IdentOperand {
  if (!isValidIdentifier(raw)) throw new FilterSyntaxError(`invalid identifier ${show(raw)}`, pos);
  const path = raw.split('.');
  const last = path[path.length - 1] as string;
  const colon = last.indexOf(':');
  if (colon < 0) return identNode(raw, path, null, pos);
  path[path.length - 1] = last.slice(0, colon);
  return identNode(raw, path, last.slice(colon + 1), pos);
}
