// PARTITION BY: computes the new key before the projection, as ksqlDB applies it to the input.
// The new row is the new key columns, then the value columns not moved into the key, then the
// old key columns not reused, then headers and pseudo-columns.
import type { Expression } from '../../parser/index.js';
import type { CompileContext } from '../expression/index.js';
import type { DataSource } from '../metastore.js';
import type { ProjectStep, RowFunction } from '../physical-plan.js';
import { PlanError } from '../plan-error.js';
import { formatQualified } from './same-expression.js';
import { checkKeyType } from '../column-rules.js';
import { compileInClause } from './compile-in-clause.js';
import { readColumn, RowSchema, type RowColumn } from './row-schema.js';
import { implicitName } from './select-items.js';

/** A key of the rows after an operator: the expression that computes it and its column name. */
export interface KeySpec {
  readonly expression: Expression;
  readonly columnName: string;
}

export function planPartitionBy(
  expressions: readonly Expression[],
  schema: RowSchema,
  context: CompileContext,
  qualifier: string,
  source: DataSource,
): { step: ProjectStep; schema: RowSchema; keys: KeySpec[] } {
  if (expressions.length === 0) {
    throw new PlanError('PARTITION BY requires at least one expression', undefined);
  }
  if (source.sourceType === 'TABLE') {
    throw new PlanError('Unsupported: PARTITION BY is only supported on streams, not tables.', expressions[0]!.span);
  }
  const isNull = (expression: Expression) => expression.kind === 'NullLiteral';
  if (expressions.some(isNull)) {
    if (expressions.length > 1) {
      throw new PlanError('Cannot PARTITION BY multiple columns including NULL', expressions[0]!.span);
    }
    return rekeyed([], schema, [], qualifier);
  }
  const compiled = expressions.map((expression) => compilePartitionExpression(expression, context));
  let generated = 0;
  const newKeys = expressions.map((expression, index): RowColumn => {
    const name = implicitName(expression) ?? `KSQL_COL_${generated++}`;
    checkKeyType(name, compiled[index]!.type, expression.span);
    return { name, type: compiled[index]!.type, role: 'KEY', qualifier };
  });
  const movedColumns = new Set(expressions.flatMap((expression) => (expression.kind === 'ColumnRef' ? [expression.name] : [])));
  return rekeyed(
    newKeys.map((column, index) => ({ column, evaluate: compiled[index]!.evaluate })),
    schema,
    expressions.map((expression, index) => ({ expression, columnName: newKeys[index]!.name })),
    qualifier,
    movedColumns,
  );
}

function compilePartitionExpression(expression: Expression, context: CompileContext) {
  try {
    return compileInClause(expression, context, 'PARTITION BY');
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

function rekeyed(
  newKeys: readonly { column: RowColumn; evaluate: RowFunction }[],
  schema: RowSchema,
  keys: KeySpec[],
  qualifier: string,
  movedColumns: ReadonlySet<string> = new Set(),
): { step: ProjectStep; schema: RowSchema; keys: KeySpec[] } {
  const kept = (role: RowColumn['role']) =>
    schema.columns.flatMap((column, index) =>
      column.role === role && !movedColumns.has(column.name) ? [{ column: { ...column, role: role === 'KEY' ? 'VALUE' : role } as RowColumn, index }] : [],
    );
  const carried = [...kept('VALUE'), ...kept('KEY'), ...kept('HEADER'), ...kept('PSEUDO')];
  const expressions: RowFunction[] = [
    ...newKeys.map((key) => key.evaluate),
    ...carried.map(({ index }) => readColumn(index)),
  ];
  return {
    step: {
      kind: 'Project',
      label: 'PartitionBy',
      expressions,
      keyCount: newKeys.length,
      keptOnTombstone: expressions.map(() => true),
      description: keys.length === 0 ? 'NULL' : keys.map((key) => formatQualified(key.expression, qualifier)).join(', '),
    },
    schema: new RowSchema([...newKeys.map((key) => key.column), ...carried.map(({ column }) => column)]),
    keys,
  };
}
