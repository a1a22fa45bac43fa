// A pull query on a table that names its keys (`WHERE ID = 'a'`, `WHERE ID IN ('a', 'b')`, alone
// or AND-ed with other conditions) reads just those keys from the table's store; anything else
// scans the store. The WHERE clause still runs over what is read, so a lookup can only narrow,
// unless the lookup answers the whole WHERE clause exactly (see `answersWhere`).
import type { Expression, Query } from '../parser/index.js';
import { compileConstant, type DataSource, type FunctionRegistry, type SqlType } from '../planner/index.js';
import { createRowSerde } from '../runtime/index.js';

export interface KeyLookup {
  /** The serialised Kafka keys to read. */
  readonly keys: Uint8Array[];
  /**
   * True when the WHERE clause is the key condition alone and every literal is exactly a value of
   * the key's type (a string for a STRING key, an integer for an INT or BIGINT key): the rows read
   * are then exactly the rows the WHERE clause keeps, so the query can be planned without it.
   */
  readonly answersWhere: boolean;
}

/** The keys a pull query reads, or undefined when it must scan. */
export function pullKeyLookup(query: Query, source: DataSource, registry: FunctionRegistry): KeyLookup | undefined {
  const keyColumns = source.columns.filter((column) => column.namespace === 'KEY');
  if (query.where === undefined || keyColumns.length !== 1 || source.window !== undefined || query.from.joins.length > 0) return undefined;
  const key = keyColumns[0]!;
  const names = new Set([query.from.from.name, query.from.from.alias]);
  const isKey = (expression: Expression) =>
    expression.kind === 'ColumnRef' && expression.name === key.name && (expression.source === undefined || names.has(expression.source));
  const literals = keyLiterals(query.where, isKey);
  if (literals === undefined) return undefined;
  const serde = createRowSerde(source.keyFormat.format, 'key', keyColumns, source.keyFormat);
  const values = literals.map((literal) => constant(literal, key.type, registry));
  if (values.some((value) => value === undefined)) return undefined;
  return {
    keys: values.map((value) => serde.serialize([value]) ?? new Uint8Array()),
    answersWhere: keyLiterals(query.where, isKey, false) !== undefined && literals.every((literal) => isExactly(literal, key.type)),
  };
}

/**
 * The literals a key must equal for the predicate to hold, when the predicate says so; with
 * `throughAnd` false, only when the predicate is the key condition itself.
 */
function keyLiterals(predicate: Expression, isKey: (expression: Expression) => boolean, throughAnd = true): Expression[] | undefined {
  if (predicate.kind === 'Comparison' && predicate.operator === '=') {
    if (isKey(predicate.left) && isLiteral(predicate.right)) return [predicate.right];
    if (isKey(predicate.right) && isLiteral(predicate.left)) return [predicate.left];
  }
  if (predicate.kind === 'InList' && !predicate.negated && isKey(predicate.value) && predicate.list.every(isLiteral)) return [...predicate.list];
  if (throughAnd && predicate.kind === 'LogicalBinary' && predicate.operator === 'AND') {
    return keyLiterals(predicate.left, isKey) ?? keyLiterals(predicate.right, isKey);
  }
  return undefined;
}

const LITERALS = new Set<Expression['kind']>(['IntegerLiteral', 'DecimalLiteral', 'DoubleLiteral', 'StringLiteral', 'BooleanLiteral', 'TypedLiteral']);

function isLiteral(expression: Expression): boolean {
  return LITERALS.has(expression.kind) || (expression.kind === 'ArithmeticUnary' && isLiteral(expression.operand));
}

/** Whether the literal is a value of the key's type as written, with no conversion that could make `=` differ. */
function isExactly(literal: Expression, type: SqlType): boolean {
  if (type.kind === 'STRING') return literal.kind === 'StringLiteral';
  if (type.kind !== 'INTEGER' && type.kind !== 'BIGINT') return false;
  const number = literal.kind === 'ArithmeticUnary' ? literal.operand : literal;
  return number.kind === 'IntegerLiteral';
}

/** The literal as a key value; undefined (scan instead) when it is not a constant of the key's type. */
function constant(expression: Expression, type: SqlType, registry: FunctionRegistry): unknown {
  try {
    return compileConstant(expression, type, { scope: { resolve: () => undefined, names: () => [] }, registry });
  } catch {
    return undefined;
  }
}
