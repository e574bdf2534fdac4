import assert from 'node:assert/strict';
import { type Expr, FilterSyntaxError, type Operand, parseFilter } from '../../src/rules/index.js';

/** Compact text form of a tree: `or(a = 1, and(b = 2, c = 3))`; text literals JSON-quoted. */
export function render(node: Expr | Operand): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${render(node.left)}, ${render(node.right)})`;
    case 'cmp':
      return `${render(node.left)} ${node.op} ${render(node.right)}`;
    case 'ident':
      return node.name;
    case 'number':
      return node.raw;
    case 'text':
      return JSON.stringify(node.value);
    case 'bool':
      return String(node.value);
    case 'null':
      return 'null';
    case 'func':
      return `${node.name}(${node.args.map(render).join(', ')})`;
  }
}

export function renderFilter(input: string): string {
  return render(parseFilter(input));
}

/** A copy of the tree without `pos`/`opPos`, for comparing shapes. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== 'pos' && key !== 'opPos') out[key] = strip(inner);
  }
  return out;
}

/** Every node of a tree, operands and function arguments included, parents first. */
export function nodes(node: Expr | Operand): Array<Expr | Operand> {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'cmp':
      return [node, ...nodes(node.left), ...nodes(node.right)];
    case 'func':
      return [node, ...node.args.flatMap(nodes)];
    default:
      return [node];
  }
}

/** Asserts that `run` throws a FilterSyntaxError with this reason and position. */
export function assertSyntaxError(run: () => unknown, reason: string | RegExp, position: number): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof FilterSyntaxError, `expected FilterSyntaxError, got ${String(caught)}`);
  if (typeof reason === 'string') assert.equal(caught.reason, reason);
  else assert.match(caught.reason, reason);
  assert.equal(caught.position, position);
  assert.equal(caught.message, `${caught.reason} at position ${position}`);
}
