// AND, OR, NOT and IS [NOT] NULL: SQL three-valued logic lives here, once.
import type { Expression, IsNull, LogicalBinary, Not } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { formatType, SqlTypes } from '../types.js';
import { formatExpression } from './format-expression.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';

const boolean = SqlTypes.BOOLEAN;

/**
 * AND: false if either side is false, else null if either is null, else true.
 * OR:  true if either side is true, else null if either is null, else false.
 */
export function compileLogicalBinary(node: LogicalBinary, state: CompileState): Compiled {
  const left = compileBooleanOperand(node.left, node, state);
  const right = compileBooleanOperand(node.right, node, state);
  const decisive = node.operator === 'OR';
  return {
    type: boolean,
    constant: false,
    evaluate: (row) => {
      const leftValue = left(row);
      if (leftValue === decisive) return decisive;
      const rightValue = right(row);
      if (rightValue === decisive) return decisive;
      return leftValue === null || rightValue === null ? null : !decisive;
    },
  };
}

export function compileNot(node: Not, state: CompileState): Compiled {
  const operand = compileBooleanOperand(node.operand, node, state);
  return {
    type: boolean,
    constant: false,
    evaluate: (row) => {
      const value = operand(row);
      return value === null ? null : !value;
    },
  };
}

export function compileIsNull(node: IsNull, state: CompileState): Compiled {
  const operand = state.compile(node.operand, state).evaluate;
  const whenNull = !node.negated;
  return { type: boolean, constant: false, evaluate: (row) => (operand(row) === null) === whenNull };
}

/** Compiles an operand that must be BOOLEAN (or the NULL literal). */
export function compileBooleanOperand(operandNode: Expression, parent: Expression, state: CompileState): Evaluator {
  const operand = state.compile(operandNode, state);
  if (operand.type !== null && operand.type.kind !== 'BOOLEAN') {
    throw new PlanError(
      `Type mismatch: ${formatExpression(operandNode)} is ${formatType(operand.type)}, but ${formatExpression(parent)} needs BOOLEAN`,
      operandNode.span,
    );
  }
  return operand.evaluate;
}
