// Repartition (PARTITION BY): rekeys the input, as ksqlDB applies it before the projection.
// The new row is the new key columns, then the value columns not moved into the key, then the
// old key columns not reused, then headers and pseudo-columns; over a join, source by source.
import type { Expression } from '../../parser/index.js';
import { checkKeyType } from '../column-rules.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { RowSchema, WINDOW_BOUND_COLUMNS, type RowColumn } from '../query/row-schema.js';
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
    return rekeyed(input, [], [], new Set<number>());
  }
  // Every expression is typed first: an invalid expression is the more useful error.
  const types = expressions.map((expression) => typePartitionExpression(expression, input.schema, typing));
  let generated = 0;
  const newKeys = expressions.map((expression, index): RowColumn => {
    const type = types[index]!;
    const name = implicitName(expression) ?? `KSQL_COL_${generated++}`;
    checkKeyType(name, type, expression.span);
    return { name, type, role: 'KEY', qualifier: keyQualifier(expression, input.schema) ?? from.qualifier };
  });
  return rekeyed(input, expressions, newKeys, movedColumnIndexes(expressions, input.schema));
}

/** A key moved from a column keeps that column's source: over a join, PARTITION BY R.Y is `R.Y` (named R_Y). */
function keyQualifier(expression: Expression, schema: RowSchema): string | undefined {
  if (expression.kind !== 'ColumnRef') return undefined;
  const binding = schema.resolve(expression.source, expression.name, expression.span);
  return binding === undefined ? undefined : schema.columns[binding.index]!.qualifier;
}

/** The input columns a PARTITION BY of plain columns moves into the key: `L.K` moves L's K, not R's. */
function movedColumnIndexes(expressions: readonly Expression[], schema: RowSchema): ReadonlySet<number> {
  return new Set(
    expressions.flatMap((expression) => {
      if (expression.kind !== 'ColumnRef') return [];
      const binding = schema.resolve(expression.source, expression.name, expression.span);
      return binding === undefined ? [] : [binding.index];
    }),
  );
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

interface CarriedColumn {
  readonly column: RowColumn;
  readonly index: number;
}

function rekeyed(input: LogicalNode, expressions: readonly Expression[], newKeys: readonly RowColumn[], moved: ReadonlySet<number>): RepartitionNode {
  const remaining = input.schema.columns.flatMap((column, index) => (moved.has(index) ? [] : [{ column, index }]));
  const carried = isOverJoin(input) ? carriedFromJoin(remaining) : carriedFromSource(remaining);
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

function isOverJoin(node: LogicalNode): boolean {
  if (node.kind === 'Filter') return isOverJoin(node.input);
  return node.kind === 'Join';
}

/** A source's row: its values, then the old key columns as values, headers and pseudo-columns. */
function carriedFromSource(remaining: readonly CarriedColumn[]): CarriedColumn[] {
  const withRole = (role: RowColumn['role']) =>
    remaining.flatMap((carried) => (carried.column.role === role ? [{ ...carried, column: { ...carried.column, role: role === 'KEY' ? 'VALUE' : role } as RowColumn }] : []));
  return [...withRole('VALUE'), ...withRole('KEY'), ...withRole('HEADER'), ...withRole('PSEUDO')];
}

/**
 * A join's row, laid out as ksqlDB's join schema is: for each source its values, its ROWTIME,
 * ROWPARTITION and ROWOFFSET (values now, which `*` selects), its key columns, its window
 * bounds; then the join's own key and pseudo-columns and the hidden columns.
 */
function carriedFromJoin(remaining: readonly CarriedColumn[]): CarriedColumn[] {
  const qualifiers = [...new Set(remaining.flatMap(({ column }) => (column.qualifier === undefined || column.qualifier === '' ? [] : [column.qualifier])))];
  const isWindowBound = (column: RowColumn) => WINDOW_BOUND_COLUMNS.some((bound) => bound.name === column.name);
  const asValue = ({ column, index }: CarriedColumn): CarriedColumn => {
    const { sourceKey: _sourceKey, ...plain } = column;
    return { column: { ...plain, role: 'VALUE' }, index };
  };
  const ofSource = (qualifier: string) => {
    const own = remaining.filter(({ column }) => column.qualifier === qualifier);
    return [
      ...own.filter(({ column }) => column.role !== 'PSEUDO' && column.sourceKey !== true),
      ...own.filter(({ column }) => column.role === 'PSEUDO' && !isWindowBound(column)).map(asValue),
      ...own.filter(({ column }) => column.sourceKey === true).map(asValue),
      ...own.filter(({ column }) => column.role === 'PSEUDO' && isWindowBound(column)),
    ];
  };
  const unqualified = remaining.filter(({ column }) => column.qualifier === undefined || column.qualifier === '');
  return [...qualifiers.flatMap(ofSource), ...unqualified.map((carried) => (carried.column.role === 'KEY' ? asValue(carried) : carried))];
}
