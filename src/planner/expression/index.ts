// The expression compiler's public API: typed closures over array rows.
export type { ColumnBinding, ColumnScope, CompileContext, CompiledExpression } from './scope.js';
export {
  compileConstant,
  compileExpression,
  containsAggregate,
  typeOfExpression,
} from './compile-expression.js';
export { EvaluationError } from './evaluation-error.js';
export { formatExpression } from './format-expression.js';
