// Repartition (PARTITION BY): rekeys the input, as ksqlDB applies it before the projection.
// The new row is the new key columns, then the value columns not moved into the key, then the
// old key columns not reused, then headers and pseudo-columns.
import type { Expression } from '../../parser/index.js';
import { checkKeyType } from '../column-rules.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { RowSchema, type RowColumn } from '../query/row-schema.js';
import { implicitName } from '../query/select-items.js';
import { compileContext, type KeySpec, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';
import type { SourceNode } from './source.js';

export interface RepartitionNode extends LogicalNodeBase {
  readonly kind: 'Repartition';
  readonly input: LogicalNode;
  /** The new key expressions; empty for PARTITION BY NULL. */
  readonly partitionBy: readonly Expression[];
  /** Input positions of the columns carried after the new keys, in output order. */
  readonly carriedIndexes: readonly number[];
}

export function repartitionNode(input: LogicalNode, expressions: readonly Expression[], from: SourceNode, typing: TypingContext): RepartitionNode {
  if (expressions.length === 0) {
    throw new PlanError('PARTITION BY requires at least one expression', undefined);
  }
  if (from.source.sourceType === 'TABLE') {
    throw new PlanError('Unsupported: PARTITION BY is only supported on streams, not tables.', expressions[0]!.span);
  }
  if (expressions.some((expression) => expression.kind === 'NullLiteral')) {
    if (expressions.length > 1) {
      throw new PlanError('Cannot PARTITION BY multiple columns including NULL', expressions[0]!.span);
    }
    return rekeyed(input, [], [], new Set());
  }
  // Every expression is typed first: an invalid expression is the more useful error.
  const types = expressions.map((expression) => typePartitionExpression(expression, input.schema, typing));
  let generated = 0;
  const newKeys = expressions.map((expression, index): RowColumn => {
    const type = types[index]!;
    const name = implicitName(expression) ?? `KSQL_COL_${generated++}`;
    checkKeyType(name, type, expression.span);
    return { name, type, role: 'KEY', qualifier: from.qualifier };
  });
  const movedColumns = new Set(expressions.flatMap((expression) => (expression.kind === 'ColumnRef' ? [expression.name] : [])));
  return rekeyed(input, expressions, newKeys, movedColumns);
}

/** ksqlDB explains an unknown PARTITION BY column: it is resolved against the input, not the projection. */
function typePartitionExpression(expression: Expression, schema: RowSchema, typing: TypingContext) {
  try {
    return compileInClause(expression, compileContext(schema, typing), 'PARTITION BY').type;
  } catch (error) {
    if (error instanceof PlanError && expression.kind === 'ColumnRef' && /cannot be resolved/.test(error.message)) {
      throw new PlanError(
        `${error.message} '${expression.name}' must be a column in the source schema since PARTITION BY is applied on the input.`,
        error.span,
      );
    }
    throw error;
  }
}

function rekeyed(input: LogicalNode, expressions: readonly Expression[], newKeys: readonly RowColumn[], movedColumns: ReadonlySet<string>): RepartitionNode {
  const kept = (role: RowColumn['role']) =>
    input.schema.columns.flatMap((column, index) =>
      column.role === role && !movedColumns.has(column.name) ? [{ column: { ...column, role: role === 'KEY' ? 'VALUE' : role } as RowColumn, index }] : [],
    );
  const carried = [...kept('VALUE'), ...kept('KEY'), ...kept('HEADER'), ...kept('PSEUDO')];
  const keys = expressions.map((expression, index): KeySpec => ({ expression, columnName: newKeys[index]!.name }));
  return Object.freeze({
    kind: 'Repartition',
    id: undefined,
    schema: new RowSchema([...newKeys, ...carried.map(({ column }) => column)]),
    keys,
    input,
    partitionBy: expressions,
    carriedIndexes: carried.map(({ index }) => index),
  });
}
