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
export { childExpressions, someExpression } from './children.js';
export { PlanError } from '../plan-error.js';
export { castValue } from '../cast.js';
export { FunctionRegistry } from '../functions/registry.js';
