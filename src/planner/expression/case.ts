// Searched and simple CASE: branches are evaluated lazily; the result is the branches' common type.
import type { Expression, SearchedCase, SimpleCase } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { commonTypeOf } from '../type-rules.js';
import { formatType, type SqlType } from '../types.js';
import { formatExpression } from './format-expression.js';
import { compileBooleanOperand } from './logical.js';
import { alignOperands, castTo, coerceConstant, neverEqual } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';
import { equalityFor } from './value-comparison.js';

interface Branches {
  readonly type: SqlType;
  readonly results: readonly Evaluator[];
  readonly otherwise: Evaluator;
}

export function compileSearchedCase(node: SearchedCase, state: CompileState): Compiled {
  const conditions = node.whens.map((when) => compileBooleanOperand(when.condition, node, state));
  const { type, results, otherwise } = compileBranches(node, state);
  return {
    type,
    constant: false,
    evaluate: (row) => {
      for (let branch = 0; branch < conditions.length; branch++) {
        if (conditions[branch]!(row) === true) return results[branch]!(row);
      }
      return otherwise(row);
    },
  };
}

export function compileSimpleCase(node: SimpleCase, state: CompileState): Compiled {
  const operand = state.compile(node.operand, state);
  const matchers = node.whens.map((when) => compileWhenMatcher(operand, when.condition, node, state));
  const { type, results, otherwise } = compileBranches(node, state);
  return {
    type,
    constant: false,
    evaluate: (row) => {
      for (let branch = 0; branch < matchers.length; branch++) {
        if (matchers[branch]!(row)) return results[branch]!(row);
      }
      return otherwise(row);
    },
  };
}

/** True when the operand equals this WHEN value; a null on either side never matches. */
function compileWhenMatcher(
  operand: Compiled,
  valueNode: Expression,
  node: SimpleCase,
  state: CompileState,
): (row: readonly unknown[]) => boolean {
  const value = coerceConstant(state.compile(valueNode, state), operand.type, valueNode.span);
  if (value === neverEqual) return () => false;
  const aligned = alignOperands(operand, value);
  if (aligned === undefined) {
    throw new PlanError(
      `Cannot compare ${formatType(operand.type!)} to ${formatType(value.type!)} in ${formatExpression(node)}`,
      valueNode.span,
    );
  }
  if (aligned.type === null) return () => false;
  const equal = equalityFor(aligned.type);
  return (row) => {
    const left = aligned.left(row);
    if (left === null) return false;
    const right = aligned.right(row);
    return right !== null && equal(left, right);
  };
}

function compileBranches(node: SearchedCase | SimpleCase, state: CompileState): Branches {
  const results = node.whens.map((when) => state.compile(when.result, state));
  const otherwise = node.otherwise === undefined ? undefined : state.compile(node.otherwise, state);
  const all = otherwise === undefined ? results : [...results, otherwise];
  const type = commonTypeOf(all.map((branch) => branch.type));
  if (type === null) throw new PlanError('Invalid Case expression. All case branches have NULL type', node.span);
  if (type === undefined) {
    const types = all.map((branch) => (branch.type === null ? 'NULL' : formatType(branch.type)));
    throw new PlanError(`Invalid Case expression. Type mismatch between branches: ${types.join(', ')}`, node.span);
  }
  return {
    type,
    results: results.map((result) => castTo(result, type)),
    otherwise: otherwise === undefined ? () => null : castTo(otherwise, type),
  };
}
