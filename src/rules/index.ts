/** Public API of the filter/rule language: parsing only; no SQL, no HTTP. */
export {
  type BaseOp,
  type BoolOperand,
  type Comparison,
  type Expr,
  type FuncOperand,
  type IdentOperand,
  isOp,
  type Logical,
  type NullOperand,
  type NumberOperand,
  OPERATORS,
  type Op,
  type Operand,
  splitOp,
  type TextOperand,
} from './ast.js';
export { FilterSyntaxError } from './errors.js';
export { isValidIdentifier, parseIdentifier } from './identifier.js';
export { FILTER_LIMITS } from './limits.js';
export { type ParseFilterOptions, parseFilter } from './parser.js';
export { parseSortList, type SortItem } from './sort-list.js';
