/** Public API of the filter/rule language: parsing only; no SQL, no HTTP. */
export {
  type BaseOp,
  type BoolOperand,
  type Comparison,
  type Expr,
  type FuncOperand,
  type IdentOperand,
  type Logical,
  type NullOperand,
  type NumberOperand,
  type Op,
  type Operand,
  type TextOperand,
  OPERATORS,
  isOp,
  splitOp,
} from './ast.js';
export { FilterSyntaxError } from './errors.js';
export { isValidIdentifier, parseIdentifier } from './identifier.js';
export { FILTER_LIMITS } from './limits.js';
export { type ParseFilterOptions, parseFilter } from './parser.js';
export { type SortItem, parseSortList } from './sort-list.js';
