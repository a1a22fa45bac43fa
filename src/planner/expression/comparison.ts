// Comparisons: = <> < <= > >=, IS [NOT] DISTINCT FROM, BETWEEN and IN, with SQL null semantics.
import type { Between, Comparison, ComparisonOperator, Expression, InList, IsDistinctFrom } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { commonType } from '../type-rules.js';
import { formatType, SqlTypes, type SqlType } from '../types.js';
import { formatExpression } from './format-expression.js';
import { alignOperands, coerceConstant, neverEqual, type AlignedOperands } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';
import { comparatorFor, equalityFor, type Comparator } from './value-comparison.js';

const boolean = SqlTypes.BOOLEAN;

const orderTests: Record<ComparisonOperator, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '<>': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

export function compileComparison(node: Comparison, state: CompileState): Compiled {
  const operands = alignComparison(node.left, node.right, node, state);
  const { left, right } = operands;
  if (operands.type === null) return { type: boolean, evaluate: () => null, constant: true };
  if (node.operator === '=' || node.operator === '<>') {
    const equal = equalityFor(operands.type);
    const wanted = node.operator === '=';
    return booleanResult((row) => {
      const leftValue = left(row);
      if (leftValue === null) return null;
      const rightValue = right(row);
      return rightValue === null ? null : equal(leftValue, rightValue) === wanted;
    });
  }
  const compare = orderingOf(operands.type, node);
  const test = orderTests[node.operator];
  return booleanResult((row) => {
    const leftValue = left(row);
    if (leftValue === null) return null;
    const rightValue = right(row);
    return rightValue === null ? null : test(compare(leftValue, rightValue));
  });
}

export function compileIsDistinctFrom(node: IsDistinctFrom, state: CompileState): Compiled {
  const { type, left, right } = alignComparison(node.left, node.right, node, state);
  const equal = type === null ? () => true : equalityFor(type);
  const distinctWhenEqual = node.negated;
  return booleanResult((row) => {
    const leftValue = left(row);
    const rightValue = right(row);
    if (leftValue === null || rightValue === null) return (leftValue === rightValue) === distinctWhenEqual;
    return equal(leftValue, rightValue) === distinctWhenEqual;
  });
}

/** `v BETWEEN a AND b` is `v >= a AND v <= b`, with AND's null rules. */
export function compileBetween(node: Between, state: CompileState): Compiled {
  const value = state.compile(node.value, state);
  const lower = alignCompiled(value, state.compile(node.lower, state), node.value, node.lower, node);
  const upper = alignCompiled(value, state.compile(node.upper, state), node.value, node.upper, node);
  // Each bound has its own common type with the value: `B BETWEEN 1.5 AND 3` is DECIMAL then BIGINT.
  const compareLower = boundOrdering(lower, node);
  const compareUpper = boundOrdering(upper, node);
  const negated = node.negated;
  return booleanResult((row) => {
    const low = boundTest(compareLower, lower.left(row), lower.right(row), 1);
    if (low === false) return negated;
    const high = boundTest(compareUpper, upper.left(row), upper.right(row), -1);
    if (high === false) return negated;
    return low === null || high === null ? null : !negated;
  });
}

/** The ordering of one bound; a NULL-literal bound never reaches it, as its values are all null. */
function boundOrdering(operands: AlignedOperands, node: Expression): Comparator {
  return operands.type === null ? () => 0 : orderingOf(operands.type, node);
}

/** Whether `value` is on the right side of `bound` (sign 1: at or above, -1: at or below); null if unknown. */
function boundTest(compare: Comparator, value: unknown, bound: unknown, sign: 1 | -1): boolean | null {
  if (value === null || bound === null) return null;
  return compare(value, bound) * sign >= 0;
}

/** `v IN (a, b, ...)`: true on a match, else null if any side was null, else false. */
export function compileInList(node: InList, state: CompileState): Compiled {
  const value = state.compile(node.value, state);
  // ksqlDB names the common type of the value and the items before the bad one in its error:
  // `DECIMAL(4, 2) IN (10, true)` fails on `DECIMAL(12, 2) = BOOLEAN`. Text constants parsed to
  // the value's type leave that type as it is.
  let listType = value.type;
  const items = node.list.flatMap((item) => {
    const aligned = alignInItem(value, item, listType, state);
    if (aligned === undefined) return [];
    if (aligned.widensList) listType = commonType(listType, aligned.operands.type) ?? listType;
    return [aligned.operands];
  });
  const tests = items.map((item) => ({ ...item, equal: item.type === null ? () => false : equalityFor(item.type) }));
  const negated = node.negated;
  return booleanResult((row) => {
    if (value.evaluate(row) === null) return null;
    let sawNull = false;
    for (const test of tests) {
      const leftValue = test.left(row);
      const rightValue = test.right(row);
      if (leftValue === null || rightValue === null) sawNull = true;
      else if (test.equal(leftValue, rightValue)) return !negated;
    }
    return sawNull ? null : negated;
  });
}

/** An IN item aligned with the tested value; `widensList` is false for a text constant parsed to the value's type. */
interface AlignedInItem {
  readonly operands: AlignedOperands;
  readonly widensList: boolean;
}

/** One IN item aligned with the tested value; undefined for an item that can never match. */
function alignInItem(value: Compiled, item: Expression, listType: SqlType | null, state: CompileState): AlignedInItem | undefined {
  const compiled = state.compile(item, state);
  const coerced = coerceConstant(compiled, value.type, item.span);
  if (coerced === neverEqual) return undefined;
  const operands = alignOperands(value, coerced);
  if (operands === undefined) {
    throw new PlanError(
      `operator does not exist: ${formatType(listType ?? value.type!)} = ${formatType(coerced.type!)} (${formatExpression(item)})\n` +
        'Hint: You might need to add explicit type casts.',
      item.span,
    );
  }
  return { operands, widensList: coerced === compiled };
}

function alignComparison(leftNode: Expression, rightNode: Expression, node: Expression, state: CompileState): AlignedOperands {
  return alignCompiled(state.compile(leftNode, state), state.compile(rightNode, state), leftNode, rightNode, node);
}

/** Coerces string constants to the other side's type, then widens both to their common type. */
function alignCompiled(
  left: Compiled,
  right: Compiled,
  leftNode: Expression,
  rightNode: Expression,
  node: Expression,
): AlignedOperands {
  // Only one side is coerced: the constant facing a typed operand (right first, as ksqlDB's `col = 'x'`).
  const coercedRight = coerceConstant(right, left.type, rightNode.span);
  const coercedLeft = coercedRight === right ? coerceConstant(left, right.type, leftNode.span) : left;
  const aligned =
    coercedLeft === neverEqual || coercedRight === neverEqual ? undefined : alignOperands(coercedLeft, coercedRight);
  if (aligned === undefined) {
    throw new PlanError(
      `Cannot compare ${formatType(left.type!)} to ${formatType(right.type!)}: ${formatExpression(node)}`,
      node.span,
    );
  }
  return aligned;
}

function orderingOf(type: SqlType, node: Expression): Comparator {
  const compare = comparatorFor(type);
  if (compare === undefined) {
    throw new PlanError(`Cannot order values of type ${formatType(type)}; only = and <> apply: ${formatExpression(node)}`, node.span);
  }
  return compare;
}

function booleanResult(evaluate: Evaluator): Compiled {
  return { type: boolean, evaluate, constant: false };
}
