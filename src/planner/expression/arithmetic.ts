// Arithmetic (+ - * / % and unary minus) with Java's integer wrap-around, exact DECIMALs, and string `||`.
import type { ArithmeticBinary, ArithmeticUnary, Concat } from '../../parser/ast.js';
import type { Decimal } from '../decimal.js';
import { PlanError } from '../plan-error.js';
import { arithmeticResultType, asDecimalType, isNumeric, type ArithmeticOperator } from '../type-rules.js';
import { formatType, SqlTypes, type SqlType } from '../types.js';
import { EvaluationError } from './evaluation-error.js';
import { formatExpression } from './format-expression.js';
import { compileDecimalLiteral, compileDoubleLiteral, compileIntegerLiteral } from './literals.js';
import { castTo } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';

type BinaryOperation = (left: never, right: never) => unknown;

function divisionByZero(): never {
  throw new EvaluationError('/ by zero');
}

const integerOperations: Record<ArithmeticOperator, BinaryOperation> = {
  '+': (left: number, right: number) => (left + right) | 0,
  '-': (left: number, right: number) => (left - right) | 0,
  '*': (left: number, right: number) => Math.imul(left, right),
  '/': (left: number, right: number) => (right === 0 ? divisionByZero() : (left / right) | 0),
  '%': (left: number, right: number) => (right === 0 ? divisionByZero() : (left % right) | 0),
};

const bigintOperations: Record<ArithmeticOperator, BinaryOperation> = {
  '+': (left: bigint, right: bigint) => BigInt.asIntN(64, left + right),
  '-': (left: bigint, right: bigint) => BigInt.asIntN(64, left - right),
  '*': (left: bigint, right: bigint) => BigInt.asIntN(64, left * right),
  '/': (left: bigint, right: bigint) => (right === 0n ? divisionByZero() : BigInt.asIntN(64, left / right)),
  '%': (left: bigint, right: bigint) => (right === 0n ? divisionByZero() : left % right),
};

/** JS numbers are Java doubles: division by zero gives Infinity or NaN, % is fmod. */
const doubleOperations: Record<ArithmeticOperator, BinaryOperation> = {
  '+': (left: number, right: number) => left + right,
  '-': (left: number, right: number) => left - right,
  '*': (left: number, right: number) => left * right,
  '/': (left: number, right: number) => left / right,
  '%': (left: number, right: number) => left % right,
};

function decimalOperations(operator: ArithmeticOperator, scale: number): BinaryOperation {
  switch (operator) {
    case '+':
      return (left: Decimal, right: Decimal) => left.add(right).withScale(scale);
    case '-':
      return (left: Decimal, right: Decimal) => left.subtract(right).withScale(scale);
    case '*':
      return (left: Decimal, right: Decimal) => left.multiply(right).withScale(scale);
    case '/':
      return (left: Decimal, right: Decimal) => (right.unscaled === 0n ? divisionByZero() : left.divide(right, scale));
    case '%':
      return (left: Decimal, right: Decimal) =>
        right.unscaled === 0n ? divisionByZero() : left.remainder(right).withScale(scale);
  }
}

export function compileArithmeticBinary(node: ArithmeticBinary, state: CompileState): Compiled {
  const left = state.compile(node.left, state);
  const right = state.compile(node.right, state);
  const resultType = binaryResultType(node, left.type, right.type);
  if (left.type === null || right.type === null) return { type: resultType, evaluate: () => null, constant: true };
  const operation = operationFor(node.operator, resultType);
  const leftValue = castTo(left, operandType(left.type, resultType));
  const rightValue = castTo(right, operandType(right.type, resultType));
  return { type: resultType, evaluate: nullSafeBinary(leftValue, rightValue, operation), constant: left.constant && right.constant };
}

function binaryResultType(node: ArithmeticBinary, left: SqlType | null, right: SqlType | null): SqlType {
  if (left === null && right === null) {
    throw new PlanError(`Arithmetic on two NULL literals has no type: ${formatExpression(node)}`, node.span);
  }
  const type = arithmeticResultType(node.operator, left ?? right!, right ?? left!);
  if (type === undefined) {
    throw new PlanError(
      `Unsupported arithmetic types. ${formatType(left ?? right!)} ${node.operator} ${formatType(right ?? left!)}: ${formatExpression(node)}`,
      node.span,
    );
  }
  return type;
}

/** The type an operand is converted to before the operation: the result type, or the operand's exact DECIMAL form. */
function operandType(type: SqlType, resultType: SqlType): SqlType {
  if (resultType.kind !== 'DECIMAL') return resultType;
  const decimal = asDecimalType(type);
  return SqlTypes.decimal(decimal.precision, decimal.scale);
}

function operationFor(operator: ArithmeticOperator, resultType: SqlType): BinaryOperation {
  switch (resultType.kind) {
    case 'INTEGER':
      return integerOperations[operator];
    case 'BIGINT':
      return bigintOperations[operator];
    case 'DECIMAL':
      return decimalOperations(operator, resultType.scale);
    case 'STRING':
      return (left: string, right: string) => left + right;
    default:
      return doubleOperations[operator];
  }
}

function nullSafeBinary(left: Evaluator, right: Evaluator, operation: BinaryOperation): Evaluator {
  const apply = operation as (left: unknown, right: unknown) => unknown;
  return (row) => {
    const leftValue = left(row);
    if (leftValue === null) return null;
    const rightValue = right(row);
    return rightValue === null ? null : apply(leftValue, rightValue);
  };
}

const negations: Partial<Record<SqlType['kind'], (value: never) => unknown>> = {
  INTEGER: (value: number) => -value | 0,
  BIGINT: (value: bigint) => BigInt.asIntN(64, -value),
  DOUBLE: (value: number) => -value,
  DECIMAL: (value: Decimal) => value.negate(),
};

export function compileArithmeticUnary(node: ArithmeticUnary, state: CompileState): Compiled {
  const negative = node.operator === '-';
  const literal = compileSignedLiteral(node, negative);
  if (literal !== undefined) return literal;
  const operand = state.compile(node.operand, state);
  if (operand.type !== null && !isNumeric(operand.type)) {
    throw new PlanError(`Unary ${node.operator} needs a numeric operand, got ${formatType(operand.type)}: ${formatExpression(node)}`, node.span);
  }
  if (!negative || operand.type === null) return operand;
  const negate = negations[operand.type.kind] as (value: unknown) => unknown;
  const evaluate = operand.evaluate;
  return {
    type: operand.type,
    constant: operand.constant,
    evaluate: (row) => {
      const value = evaluate(row);
      return value === null ? null : negate(value);
    },
  };
}

/** `-2147483648` and `-9223372036854775808` are literals of their own type, not a negated overflow. */
function compileSignedLiteral(node: ArithmeticUnary, negative: boolean): Compiled | undefined {
  const operand = node.operand;
  if (operand.kind === 'IntegerLiteral') return compileIntegerLiteral(operand, negative);
  if (operand.kind === 'DecimalLiteral') return compileDecimalLiteral(operand, negative);
  if (operand.kind === 'DoubleLiteral') return compileDoubleLiteral(operand, negative);
  return undefined;
}

/** `a || b` on STRINGs; null if either side is null. */
export function compileConcat(node: Concat, state: CompileState): Compiled {
  const left = state.compile(node.left, state);
  const right = state.compile(node.right, state);
  for (const operand of [left, right]) {
    if (operand.type !== null && operand.type.kind !== 'STRING') {
      throw new PlanError(`|| needs STRING operands, got ${formatType(operand.type)}: ${formatExpression(node)}`, node.span);
    }
  }
  const concat = (leftValue: string, rightValue: string): string => leftValue + rightValue;
  return {
    type: SqlTypes.STRING,
    evaluate: nullSafeBinary(left.evaluate, right.evaluate, concat),
    constant: left.constant && right.constant,
  };
}
