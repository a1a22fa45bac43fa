// Compiles an expression of one clause, with ksqlDB's clause wording in errors:
// "WHERE column 'X' cannot be resolved.", "Invalid Predicate: operator does not exist: ...".
import type { Expression } from '../../parser/index.js';
import { compileExpression, type CompileContext, type CompiledExpression } from '../expression/index.js';
import { PlanError } from '../plan-error.js';

const INVALID_PREFIX: Readonly<Record<string, string>> = {
  SELECT: 'Invalid Select: ',
  WHERE: 'Invalid Predicate: ',
};

export function compileInClause(expression: Expression, context: CompileContext, clause: string): CompiledExpression {
  try {
    return compileExpression(expression, { ...context, clause });
  } catch (error) {
    const prefix = INVALID_PREFIX[clause];
    if (error instanceof PlanError && prefix !== undefined && error.code === 'PLAN_ERROR' && !/cannot be resolved/.test(error.message)) {
      throw new PlanError(`${prefix}${error.message}`, error.span, error.code);
    }
    throw error;
  }
}
