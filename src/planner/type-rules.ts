// The SQL type rules: TypeNode resolution, implicit widening, common super types and arithmetic result types.
import type { TypeNode } from '../parser/ast.js';
import { PlanError } from './plan-error.js';
import { SqlTypes, type SqlType } from './types.js';

/** CREATE TYPE definitions by name: a map, or a lookup function over the metastore. */
export type CustomTypes = ReadonlyMap<string, SqlType> | ((name: string) => SqlType | undefined);

/** Resolves a parsed type to a SqlType; custom names come from CREATE TYPE definitions. */
export function resolveType(node: TypeNode, customTypes?: CustomTypes): SqlType {
  switch (node.kind) {
    case 'PrimitiveType':
      return SqlTypes[node.name];
    case 'DecimalType':
      return resolveDecimalType(node.precision, node.scale, node);
    case 'ArrayType':
      return SqlTypes.array(resolveType(node.element, customTypes));
    case 'MapType':
      return SqlTypes.map(resolveType(node.key, customTypes), resolveType(node.value, customTypes));
    case 'StructType':
      return SqlTypes.struct(node.fields.map((field) => ({ name: field.name, type: resolveType(field.type, customTypes) })));
    case 'CustomType': {
      const custom = typeof customTypes === 'function' ? customTypes(node.name) : customTypes?.get(node.name);
      if (custom === undefined) throw new PlanError(`Unknown type: ${node.name}`, node.span, 'NOT_FOUND');
      return custom;
    }
  }
}

function resolveDecimalType(precision: number, scale: number, node: TypeNode): SqlType {
  if (precision < 1) throw new PlanError(`DECIMAL precision must be >= 1: DECIMAL(${precision}, ${scale})`, node.span);
  if (scale < 0 || scale > precision) {
    throw new PlanError(`DECIMAL scale must be between 0 and precision: DECIMAL(${precision}, ${scale})`, node.span);
  }
  return SqlTypes.decimal(precision, scale);
}

type NumericKind = 'INTEGER' | 'BIGINT' | 'DECIMAL' | 'DOUBLE';

/** Widening order of the numeric types: a type widens implicitly to any type later in this list. */
const numericOrder: readonly NumericKind[] = ['INTEGER', 'BIGINT', 'DECIMAL', 'DOUBLE'];

export function isNumeric(type: SqlType): boolean {
  return (numericOrder as readonly string[]).includes(type.kind);
}

/** The DECIMAL that holds every value of an integral or decimal type exactly (INTEGER → DECIMAL(10, 0)). */
export function asDecimalType(type: SqlType): { readonly precision: number; readonly scale: number } {
  if (type.kind === 'DECIMAL') return type;
  if (type.kind === 'INTEGER') return { precision: 10, scale: 0 };
  if (type.kind === 'BIGINT') return { precision: 19, scale: 0 };
  throw new Error(`asDecimalType: ${type.kind} has no exact DECIMAL form`);
}

/** The narrowest DECIMAL that holds both decimals exactly. */
function widerDecimal(left: SqlType, right: SqlType): SqlType {
  const leftDecimal = asDecimalType(left);
  const rightDecimal = asDecimalType(right);
  const scale = Math.max(leftDecimal.scale, rightDecimal.scale);
  const integerDigits = Math.max(leftDecimal.precision - leftDecimal.scale, rightDecimal.precision - rightDecimal.scale);
  return SqlTypes.decimal(integerDigits + scale, scale);
}

/** The common numeric type of two numeric types (INTEGER → BIGINT → DECIMAL → DOUBLE). */
export function widerNumeric(left: SqlType, right: SqlType): SqlType {
  const rank = Math.max(numericOrder.indexOf(left.kind as NumericKind), numericOrder.indexOf(right.kind as NumericKind));
  const kind = numericOrder[rank]!;
  if (kind === 'DECIMAL') return widerDecimal(left, right);
  return SqlTypes[kind];
}

/** True when a value of `from` may be used where `to` is expected without an explicit CAST. */
export function canWiden(from: SqlType, to: SqlType): boolean {
  if (isNumeric(from) && isNumeric(to)) {
    if (from.kind === 'DECIMAL' && to.kind === 'DECIMAL') return true;
    return numericOrder.indexOf(from.kind as NumericKind) <= numericOrder.indexOf(to.kind as NumericKind);
  }
  if (from.kind !== to.kind) return false;
  switch (from.kind) {
    case 'ARRAY':
      return canWiden(from.element, (to as typeof from).element);
    case 'MAP': {
      const target = to as typeof from;
      return canWiden(from.key, target.key) && canWiden(from.value, target.value);
    }
    case 'STRUCT': {
      const target = to as typeof from;
      return (
        from.fields.length === target.fields.length &&
        from.fields.every((field) => {
          const other = target.fields.find((candidate) => candidate.name === field.name);
          return other !== undefined && canWiden(field.type, other.type);
        })
      );
    }
    default:
      return true;
  }
}

/**
 * The common super type of two types, or undefined when they have none. `null` stands for the
 * type of a NULL literal, which fits anything.
 */
export function commonType(left: SqlType | null, right: SqlType | null): SqlType | null | undefined {
  if (left === null) return right;
  if (right === null) return left;
  if (isNumeric(left) && isNumeric(right)) return widerNumeric(left, right);
  if (left.kind !== right.kind) return undefined;
  switch (left.kind) {
    case 'ARRAY': {
      const element = commonType(left.element, (right as typeof left).element);
      return element === undefined || element === null ? undefined : SqlTypes.array(element);
    }
    case 'MAP':
      return commonMapType(left, right as typeof left);
    case 'STRUCT':
      return commonStructType(left, right as typeof left);
    default:
      return left;
  }
}

function commonMapType(
  left: Extract<SqlType, { kind: 'MAP' }>,
  right: Extract<SqlType, { kind: 'MAP' }>,
): SqlType | undefined {
  const key = commonType(left.key, right.key);
  const value = commonType(left.value, right.value);
  if (key === undefined || key === null || value === undefined || value === null) return undefined;
  return SqlTypes.map(key, value);
}

function commonStructType(
  left: Extract<SqlType, { kind: 'STRUCT' }>,
  right: Extract<SqlType, { kind: 'STRUCT' }>,
): SqlType | undefined {
  if (left.fields.length !== right.fields.length) return undefined;
  const fields = [];
  for (const field of left.fields) {
    const other = right.fields.find((candidate) => candidate.name === field.name);
    if (other === undefined) return undefined;
    const type = commonType(field.type, other.type);
    if (type === undefined || type === null) return undefined;
    fields.push({ name: field.name, type });
  }
  return SqlTypes.struct(fields);
}

/** The common super type of many types (CASE branches, IN lists, ARRAY elements); undefined if none. */
export function commonTypeOf(types: readonly (SqlType | null)[]): SqlType | null | undefined {
  let result: SqlType | null | undefined = null;
  for (const type of types) {
    result = commonType(result, type);
    if (result === undefined) return undefined;
  }
  return result;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/**
 * The result type of `left op right` for numeric operands, or undefined when the operator does not
 * apply. DECIMAL follows ksqlDB's DecimalUtil precision and scale rules.
 */
export function arithmeticResultType(operator: ArithmeticOperator, left: SqlType, right: SqlType): SqlType | undefined {
  if (operator === '+' && left.kind === 'STRING' && right.kind === 'STRING') return SqlTypes.STRING;
  if (!isNumeric(left) || !isNumeric(right)) return undefined;
  const wider = widerNumeric(left, right);
  if (wider.kind !== 'DECIMAL') return wider;
  return decimalArithmeticType(operator, asDecimalType(left), asDecimalType(right));
}

interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

function decimalArithmeticType(operator: ArithmeticOperator, left: DecimalShape, right: DecimalShape): SqlType {
  const { precision: p1, scale: s1 } = left;
  const { precision: p2, scale: s2 } = right;
  switch (operator) {
    case '+':
    case '-': {
      const scale = Math.max(s1, s2);
      return SqlTypes.decimal(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return SqlTypes.decimal(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(6, s1 + p2 + 1);
      return SqlTypes.decimal(p1 - s1 + s2 + scale, scale);
    }
    case '%': {
      const scale = Math.max(s1, s2);
      return SqlTypes.decimal(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
}

