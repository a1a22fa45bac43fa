// Compiles an expression of one clause, naming the clause in "cannot be resolved" errors as
// ksqlDB does ("WHERE column 'X' cannot be resolved.").
import type { Expression } from '../../parser/index.js';
import { compileExpression, type CompileContext, type CompiledExpression } from '../expression/index.js';
import { PlanError } from '../plan-error.js';

export function compileInClause(expression: Expression, context: CompileContext, clause: string): CompiledExpression {
  try {
    return compileExpression(expression, context);
  } catch (error) {
    if (error instanceof PlanError && /^Column '.*' cannot be resolved/.test(error.message)) {
      throw new PlanError(`${clause} ${error.message[0]!.toLowerCase()}${error.message.slice(1)}`, error.span, error.code);
    }
    throw error;
  }
}
