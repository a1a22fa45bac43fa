// CAST(expr AS type): the conversion closure is built once from the operand's type to the target type.
import type { Cast } from '../../parser/ast.js';
import { castNotSupportedMessage, compileCast } from '../cast.js';
import { PlanError } from '../plan-error.js';
import { resolveType } from '../type-rules.js';
import { nullOnEvaluationError } from './evaluation-error.js';
import type { Compiled, CompileState } from './scope.js';

export function compileCastExpression(node: Cast, state: CompileState): Compiled {
  const operand = state.compile(node.operand, state);
  const target = resolveType(node.type, state.context.customTypes);
  if (operand.type === null) return { type: target, evaluate: () => null, constant: true };
  const cast = compileCast(operand.type, target);
  if (cast === undefined) throw new PlanError(castNotSupportedMessage(operand.type, target), node.span);
  // ksqlDB's CAST reads an operand that fails to evaluate as NULL (QTT "cast function with error to
  // null without logging error": IFNULL(CAST(PARSE_DATE('abcd', ...) AS STRING), '1900-01-01') is
  // the default). A failure of the conversion itself, CAST('x' AS INTEGER), still throws.
  const evaluate = nullOnEvaluationError(operand.evaluate);
  return { type: target, evaluate: (row) => cast(evaluate(row)), constant: operand.constant };
}

