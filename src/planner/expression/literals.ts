// Literals: typed once at plan time; their evaluators return a constant.
import type { DecimalLiteral, DoubleLiteral, IntegerLiteral, TypedLiteral } from '../../parser/ast.js';
import { invalidSyntaxMessage } from '../cast.js';
import { Decimal } from '../decimal.js';
import { PlanError } from '../plan-error.js';
import { SqlTypes, type SqlType } from '../types.js';
import type { Compiled } from './scope.js';
import { parseDate, parseTime, parseTimestamp } from './temporal-text.js';

export function constant(type: SqlType | null, value: unknown): Compiled {
  return { type, evaluate: () => value, constant: true };
}

export const nullLiteral: Compiled = constant(null, null);

/** INTEGER when the value fits in 32 bits, else BIGINT; `negative` folds a leading unary minus. */
export function compileIntegerLiteral(node: IntegerLiteral, negative = false): Compiled {
  const value = negative ? -BigInt(node.text) : BigInt(node.text);
  if (BigInt.asIntN(32, value) === value) return constant(SqlTypes.INTEGER, Number(value));
  if (BigInt.asIntN(64, value) === value) return constant(SqlTypes.BIGINT, value);
  throw new PlanError(`Invalid numeric literal: ${negative ? '-' : ''}${node.text}`, node.span);
}

/** DECIMAL(p, s) from the digits as written: `10.30` is DECIMAL(4, 2), `0.01` is DECIMAL(2, 2). */
export function compileDecimalLiteral(node: DecimalLiteral, negative = false): Compiled {
  const parsed = Decimal.parse(node.text);
  return decimalConstant(negative ? parsed.negate() : parsed);
}

/** A DECIMAL constant whose type holds exactly its digits; also used for text compared with a number. */
export function decimalConstant(value: Decimal): Compiled {
  return constant(SqlTypes.decimal(Math.max(value.precision(), value.scale), value.scale), value);
}

export function compileDoubleLiteral(node: DoubleLiteral, negative = false): Compiled {
  const value = Number(node.text);
  if (!Number.isFinite(value)) throw new PlanError(`Number overflows DOUBLE: ${negative ? '-' : ''}${node.text}`, node.span);
  return constant(SqlTypes.DOUBLE, negative ? -value : value);
}

const typedLiteralParsers: Record<string, { type: SqlType; parse: (text: string) => number | undefined }> = {
  DATE: { type: SqlTypes.DATE, parse: parseDate },
  TIME: { type: SqlTypes.TIME, parse: parseTime },
  TIMESTAMP: { type: SqlTypes.TIMESTAMP, parse: parseTimestamp },
};

/** `DATE '2020-01-01'`, `TIME '10:00:00'`, `TIMESTAMP '2020-01-01T10:00:00'`. */
export function compileTypedLiteral(node: TypedLiteral): Compiled {
  const parser = typedLiteralParsers[node.typeName.toUpperCase()];
  if (parser === undefined) throw new PlanError(`Unsupported literal type: ${node.typeName}`, node.span);
  const value = parser.parse(node.value);
  if (value === undefined) {
    throw new PlanError(invalidSyntaxMessage(node.typeName.toUpperCase(), node.value), node.span);
  }
  return constant(parser.type, value);
}
