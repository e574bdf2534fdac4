/**
 * The syntax tree of a filter or rule. Every node and every array in it is frozen.
 *
 * - An expression is a binary tree: `&&` binds tighter than `||` and both associate to the left,
 *   so `a=1 || b=2 && c=3 || d=4` is `or(or(a=1, and(b=2, c=3)), d=4)`. Parentheses only shape
 *   the tree; they leave no node of their own.
 * - `pos` is the 0-based offset (UTF-16 code units) in the source string: the first character of
 *   an operand or comparison, the `&&`/`||` token of a logical node.
 * - Identifiers `true`, `false` and `null` (any letter case, no path or modifier) become `bool` and
 *   `null` literals; every other identifier stays an `ident` for the resolver to interpret.
 */

export const OPERATORS = Object.freeze([
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  '~',
  '!~',
  '?=',
  '?!=',
  '?>',
  '?>=',
  '?<',
  '?<=',
  '?~',
  '?!~',
] as const);

/** One of the 16 comparison operators. */
export type Op = (typeof OPERATORS)[number];

/** The operator without its `?` (any-match) prefix. */
export type BaseOp = Exclude<Op, `?${string}`>;

export type Expr = Logical | Comparison;

export interface Logical {
  readonly kind: 'and' | 'or';
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: number;
}

export interface Comparison {
  readonly kind: 'cmp';
  readonly op: Op;
  readonly left: Operand;
  readonly right: Operand;
  /** Position of the left operand. */
  readonly pos: number;
  /** Position of the operator. */
  readonly opPos: number;
}

export type Operand = IdentOperand | NumberOperand | TextOperand | BoolOperand | NullOperand | FuncOperand;

/**
 * A field path, macro or `@request.*` / `@collection.*` reference.
 * `name` is the identifier exactly as written. `path` is `name` split on '.', with the modifier
 * removed from the last segment: `tags:each` has path ['tags'] and modifier 'each'. A colon in an
 * earlier segment stays in that segment: `@collection.members:m1.user` has path
 * ['@collection', 'members:m1', 'user'] and modifier null.
 */
export interface IdentOperand {
  readonly kind: 'ident';
  readonly name: string;
  readonly path: readonly string[];
  readonly modifier: string | null;
  readonly pos: number;
}

/** A number literal; `raw` is its source text (`-?digits(.digits)?`). */
export interface NumberOperand {
  readonly kind: 'number';
  readonly value: number;
  readonly raw: string;
  readonly pos: number;
}

/** A quoted text literal; `value` has the quotes and the escaping backslashes removed. */
export interface TextOperand {
  readonly kind: 'text';
  readonly value: string;
  readonly pos: number;
}

export interface BoolOperand {
  readonly kind: 'bool';
  readonly value: boolean;
  readonly pos: number;
}

export interface NullOperand {
  readonly kind: 'null';
  readonly pos: number;
}

/** A function call such as `geoDistance(...)` or `strftime(...)`; the name is not checked here. */
export interface FuncOperand {
  readonly kind: 'func';
  readonly name: string;
  readonly args: readonly Operand[];
  readonly pos: number;
}

/** Splits `?>=` into `{ base: '>=', any: true }`; plain operators give `any: false`. */
export function splitOp(op: Op): { readonly base: BaseOp; readonly any: boolean } {
  return op.startsWith('?') ? { base: op.slice(1) as BaseOp, any: true } : { base: op as BaseOp, any: false };
}

export function isOp(text: string): text is Op {
  return (OPERATORS as readonly string[]).includes(text);
}

// Node constructors: the only way the parser builds nodes, so every node is frozen.

export function logical(kind: 'and' | 'or', left: Expr, right: Expr, pos: number): Logical {
  return Object.freeze({ kind, left, right, pos });
}

export function comparison(op: Op, left: Operand, right: Operand, opPos: number): Comparison {
  return Object.freeze({ kind: 'cmp', op, left, right, pos: left.pos, opPos });
}

export function identNode(name: string, path: string[], modifier: string | null, pos: number): IdentOperand {
  return Object.freeze({ kind: 'ident', name, path: Object.freeze(path), modifier, pos });
}

export function numberNode(raw: string, value: number, pos: number): NumberOperand {
  return Object.freeze({ kind: 'number', value, raw, pos });
}

export function textNode(value: string, pos: number): TextOperand {
  return Object.freeze({ kind: 'text', value, pos });
}

export function boolNode(value: boolean, pos: number): BoolOperand {
  return Object.freeze({ kind: 'bool', value, pos });
}

export function nullNode(pos: number): NullOperand {
  return Object.freeze({ kind: 'null', pos });
}

export function funcNode(name: string, args: Operand[], pos: number): FuncOperand {
  return Object.freeze({ kind: 'func', name, args: Object.freeze(args), pos });
}
