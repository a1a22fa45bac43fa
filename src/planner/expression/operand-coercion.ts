// Bringing two operands to one type: string constants parsed to the other side's type, numbers widened.
import type { Span } from '../../parser/ast.js';
import { compileCast, identityCast, invalidSyntaxMessage, parseBooleanText, parseDecimalText, parseTemporal } from '../cast.js';
import { PlanError } from '../plan-error.js';
import { commonType, isNumeric } from '../type-rules.js';
import { SqlTypes, type SqlType } from '../types.js';
import { EvaluationError } from './evaluation-error.js';
import { constant, decimalConstant } from './literals.js';
import type { Compiled, Evaluator } from './scope.js';
import { parseDate, parseTime, parseTimestamp } from './temporal-text.js';
import { formatValue } from './value-text.js';

/** A constant that can never equal a value of the target type (a STRUCT constant with an extra field). */
export const neverEqual = Symbol('neverEqual');

/**
 * ksqlDB coerces literals to the type they are compared with: `'4.000'` against an INTEGER is the
 * number 4, `10` against a STRING is `'10'`, `ROWTIME > '2018-01-01T00:00:00.001'` compares
 * timestamps. Non-constant operands are returned unchanged. Throws PlanError for unparsable text.
 */
export function coerceConstant(operand: Compiled, target: SqlType | null, span: Span): Compiled | typeof neverEqual {
  if (!operand.constant || operand.type === null || target === null) return operand;
  const value = evaluateConstant(operand);
  if (value === undefined || value === null) return operand;
  try {
    return coerceValue(value, operand.type, target) ?? operand;
  } catch (error) {
    if (error instanceof EvaluationError) throw new PlanError(error.message, span);
    throw error;
  }
}

/** The value of a constant, or undefined when evaluating it fails (left to fail per record). */
function evaluateConstant(operand: Compiled): unknown {
  return foldConstant(() => operand.evaluate([]));
}

function coerceValue(value: unknown, from: SqlType, target: SqlType): Compiled | typeof neverEqual | undefined {
  if (from.kind === 'STRING' && target.kind !== 'STRING') return parseConstantText(value as string, target);
  if (target.kind === 'STRING' && (from.kind === 'BOOLEAN' || isNumeric(from))) {
    return constant(SqlTypes.STRING, formatValue(value, from));
  }
  if (isComplex(from) && from.kind === target.kind) return coerceComplex(value, from, target);
  return undefined;
}

function isComplex(type: SqlType): boolean {
  return type.kind === 'ARRAY' || type.kind === 'MAP' || type.kind === 'STRUCT';
}

function coerceComplex(value: unknown, from: SqlType, target: SqlType): Compiled | typeof neverEqual | undefined {
  if (hasExtraField(from, target)) return neverEqual;
  const cast = compileCast(from, target);
  if (cast === undefined) return undefined;
  return constant(target, cast(value));
}

/** True when a STRUCT (at any depth) has a field the target lacks. */
function hasExtraField(from: SqlType, target: SqlType): boolean {
  if (from.kind === 'STRUCT' && target.kind === 'STRUCT') {
    return from.fields.some((field) => {
      const other = target.fields.find((candidate) => candidate.name === field.name);
      return other === undefined || hasExtraField(field.type, other.type);
    });
  }
  if (from.kind === 'ARRAY' && target.kind === 'ARRAY') return hasExtraField(from.element, target.element);
  if (from.kind === 'MAP' && target.kind === 'MAP') return hasExtraField(from.value, target.value);
  return false;
}

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseConstantText(text: string, target: SqlType): Compiled | undefined {
  switch (target.kind) {
    case 'BOOLEAN':
      return constant(SqlTypes.BOOLEAN, parseBooleanText(text));
    case 'INTEGER':
    case 'BIGINT':
    case 'DECIMAL':
      return parseExactNumber(text, target);
    case 'DOUBLE':
      if (!numberPattern.test(text.trim())) throw new EvaluationError(invalidSyntaxMessage('DOUBLE', text));
      return constant(SqlTypes.DOUBLE, Number(text.trim()));
    case 'DATE':
      return constant(target, parseTemporal(text, target.kind, parseDate));
    case 'TIME':
      return constant(target, parseTemporal(text, target.kind, parseTime));
    case 'TIMESTAMP':
      return constant(target, parseTemporal(text, target.kind, parseTimestamp));
    default:
      return undefined;
  }
}

/**
 * Text compared with an exact number keeps its exact value (a DECIMAL), so `'2147483648'` never
 * equals an INTEGER. Against BIGINT (ROWTIME), a timestamp text is its epoch milliseconds.
 */
function parseExactNumber(text: string, target: SqlType): Compiled {
  if (!numberPattern.test(text.trim())) {
    const millis = target.kind === 'BIGINT' ? parseTimestamp(text) : undefined;
    if (millis !== undefined) return constant(SqlTypes.BIGINT, BigInt(millis));
    throw new EvaluationError(invalidSyntaxMessage(target.kind, text));
  }
  return decimalConstant(parseDecimalText(text));
}

/** Both operands cast to their common type; undefined when they have none. */
export interface AlignedOperands {
  readonly type: SqlType | null;
  readonly left: Evaluator;
  readonly right: Evaluator;
}

export function alignOperands(left: Compiled, right: Compiled): AlignedOperands | undefined {
  const type = commonType(left.type, right.type);
  if (type === undefined) return undefined;
  return { type, left: castTo(left, type), right: castTo(right, type) };
}

/**
 * The operand's evaluator, converting to `type` when it differs (widening casts only). A scalar
 * constant is converted once here rather than per record (`BIGINT_COL > 100` compares with 100n).
 */
export function castTo(operand: Compiled, type: SqlType | null): Evaluator {
  if (operand.type === null || type === null) return operand.evaluate;
  const cast = compileCast(operand.type, type);
  if (cast === undefined) throw new Error(`castTo: no cast from ${operand.type.kind} to ${type.kind}`);
  const evaluate = operand.evaluate;
  if (cast === identityCast) return evaluate;
  if (operand.constant && !isComplex(type)) {
    const value = foldConstant(() => cast(evaluate([])));
    if (value !== undefined) return () => value;
  }
  return (row) => cast(evaluate(row));
}

/** The constant's value, or undefined when it fails: the failure is then left to each record. */
function foldConstant(compute: () => unknown): unknown {
  try {
    return compute();
  } catch (error) {
    if (error instanceof EvaluationError) return undefined;
    throw error;
  }
}
