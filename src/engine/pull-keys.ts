// A pull query on a table that names its keys (`WHERE ID = 'a'`, `WHERE ID IN ('a', 'b')`, alone
// or AND-ed with other conditions) reads just those keys from the table's store; anything else
// scans the store. The WHERE clause still runs over what is read, so a lookup can only narrow.
import type { Expression, Query } from '../parser/index.js';
import { compileConstant, type DataSource, type FunctionRegistry, type SqlType } from '../planner/index.js';
import { createRowSerde } from '../runtime/index.js';

/** The serialised Kafka keys a pull query reads, or undefined when it must scan. */
export function pullKeyBytes(query: Query, source: DataSource, registry: FunctionRegistry): Uint8Array[] | undefined {
  const keyColumns = source.columns.filter((column) => column.namespace === 'KEY');
  if (query.where === undefined || keyColumns.length !== 1 || source.window !== undefined) return undefined;
  const key = keyColumns[0]!;
  const literals = keyLiterals(query.where, key.name);
  if (literals === undefined) return undefined;
  const serde = createRowSerde(source.keyFormat.format, 'key', keyColumns, source.keyFormat);
  const values = literals.map((literal) => constant(literal, key.type, registry));
  if (values.some((value) => value === undefined)) return undefined;
  return values.map((value) => serde.serialize([value]) ?? new Uint8Array());
}

/** The literals a key must equal for the predicate to hold, when the predicate says so. */
function keyLiterals(predicate: Expression, keyName: string): Expression[] | undefined {
  const isKey = (expression: Expression) => expression.kind === 'ColumnRef' && expression.name === keyName;
  if (predicate.kind === 'Comparison' && predicate.operator === '=') {
    if (isKey(predicate.left) && isLiteral(predicate.right)) return [predicate.right];
    if (isKey(predicate.right) && isLiteral(predicate.left)) return [predicate.left];
  }
  if (predicate.kind === 'InList' && !predicate.negated && isKey(predicate.value) && predicate.list.every(isLiteral)) return [...predicate.list];
  if (predicate.kind === 'LogicalBinary' && predicate.operator === 'AND') return keyLiterals(predicate.left, keyName) ?? keyLiterals(predicate.right, keyName);
  return undefined;
}

const LITERALS = new Set<Expression['kind']>(['IntegerLiteral', 'DecimalLiteral', 'DoubleLiteral', 'StringLiteral', 'BooleanLiteral', 'TypedLiteral']);

function isLiteral(expression: Expression): boolean {
  return LITERALS.has(expression.kind) || (expression.kind === 'ArithmeticUnary' && isLiteral(expression.operand));
}

/** The literal as a key value; undefined (scan instead) when it is not a constant of the key's type. */
function constant(expression: Expression, type: SqlType, registry: FunctionRegistry): unknown {
  try {
    return compileConstant(expression, type, { scope: { resolve: () => undefined, names: () => [] }, registry });
  } catch {
    return undefined;
  }
}
