// Aggregate (GROUP BY, WINDOW): groups the input by its GROUP BY expressions (within windows)
// and computes aggregate functions per group. Its rows are the group key columns, one column per
// aggregate call (KSQL_AGG_VARIABLE_n), then WINDOWSTART and WINDOWEND for a windowed aggregate.
import type { Expression, FunctionCall } from '../../parser/index.js';
import { checkKeyType } from '../column-rules.js';
import { formatExpression } from '../expression/index.js';
import type { ResolvedOverload } from '../functions/registry.js';
import type { AggregateOverload } from '../functions/registry-types.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { RowSchema, WINDOW_BOUND_COLUMNS, type RowColumn } from '../query/row-schema.js';
import { sameExpression } from '../query/same-expression.js';
import { implicitName } from '../query/select-items.js';
import type { SqlType } from '../types.js';
import { compileContext, type KeySpec, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';
import type { SourceNode } from './source.js';
import type { WindowSpec } from './window-spec.js';

export interface AggregateCall {
  /** The call as written. */
  readonly call: FunctionCall;
  /** The aggregate's column in the node's rows. */
  readonly columnName: string;
  /** The per-record arguments, evaluated over the input row. */
  readonly columnArgs: readonly Expression[];
  /** The trailing literal arguments (TOPK's k), evaluated at plan time. */
  readonly literalArgs: readonly unknown[];
  readonly resolved: ResolvedOverload<AggregateOverload>;
  /** The types the column arguments have before any widening to `resolved.argTypes`. */
  readonly columnArgTypes: readonly SqlType[];
}

export interface AggregateNode extends LogicalNodeBase {
  readonly kind: 'Aggregate';
  readonly input: LogicalNode;
  readonly groupBy: readonly Expression[];
  readonly calls: readonly AggregateCall[];
  readonly window: WindowSpec | undefined;
  /** The rows must move to the partition of their group key first (an internal repartition topic). */
  readonly repartition: boolean;
  /** The input is a table: a changed row's old value is taken out of its group (undo). */
  readonly inputIsTable: boolean;
}

export function aggregateNode(
  input: LogicalNode,
  groupBy: readonly Expression[],
  calls: readonly FunctionCall[],
  window: WindowSpec | undefined,
  from: SourceNode,
  typing: TypingContext,
): AggregateNode {
  const context = compileContext(input.schema, typing);
  checkDuplicates(groupBy, from.qualifier);
  const keyTypes = groupBy.map((expression) => compileInClause(expression, context, 'GROUP BY').type);
  const aggregateCalls = calls.map((call, index) => resolveCall(call, `KSQL_AGG_VARIABLE_${index}`, input, typing));
  const inputIsTable = from.source.sourceType === 'TABLE';
  if (inputIsTable) refuseWithoutUndo(aggregateCalls);
  if (inputIsTable && window !== undefined) {
    throw new PlanError('Windowed aggregation is only supported on streams, not tables.', groupBy[0]?.span);
  }

  let generated = 0;
  const keyColumns = groupBy.map((expression, index): RowColumn => {
    const name = implicitName(expression) ?? `KSQL_COL_${generated++}`;
    checkKeyType(name, keyTypes[index]!, expression.span);
    return { name, type: keyTypes[index]!, role: 'KEY', qualifier: undefined };
  });
  const aggregateColumns = aggregateCalls.map((call): RowColumn => ({ name: call.columnName, type: call.resolved.returnType, role: 'VALUE', qualifier: undefined }));
  const windowColumns = window === undefined ? [] : WINDOW_BOUND_COLUMNS.map((column): RowColumn => ({ ...column, role: 'PSEUDO', qualifier: undefined }));
  const keys = keyColumns.map((column, index): KeySpec => ({
    expression: { kind: 'ColumnRef', source: undefined, name: column.name, span: groupBy[index]!.span },
    columnName: column.name,
    grouping: formatExpression(groupBy[index]!),
  }));
  return Object.freeze({
    kind: 'Aggregate',
    id: undefined,
    schema: new RowSchema([...keyColumns, ...aggregateColumns, ...windowColumns]),
    keys,
    input,
    groupBy,
    calls: aggregateCalls,
    window,
    repartition: inputIsTable || !groupsByInputKey(groupBy, input.keys),
    inputIsTable,
  });
}

/** A stream already keyed by exactly the GROUP BY expressions is aggregated where it is. */
function groupsByInputKey(groupBy: readonly Expression[], keys: readonly KeySpec[]): boolean {
  return (
    groupBy.length === keys.length &&
    groupBy.every((expression, index) => {
      const key = keys[index]!;
      return sameExpression(expression, key.expression) || (expression.kind === 'ColumnRef' && expression.name === key.columnName);
    })
  );
}

function checkDuplicates(groupBy: readonly Expression[], qualifier: string): void {
  groupBy.forEach((expression, index) => {
    if (groupBy.slice(0, index).some((earlier) => sameExpression(earlier, expression))) {
      const text = expression.kind === 'ColumnRef' ? `${expression.source ?? qualifier}.${expression.name}` : formatExpression(expression);
      throw new PlanError(`Duplicate GROUP BY expression: ${text}`, expression.span);
    }
  });
}

const LITERAL_KINDS = new Set(['IntegerLiteral', 'DecimalLiteral', 'DoubleLiteral', 'StringLiteral', 'BooleanLiteral', 'NullLiteral', 'TypedLiteral']);

function isLiteral(expression: Expression): boolean {
  if (expression.kind === 'ArithmeticUnary') return isLiteral(expression.operand);
  return LITERAL_KINDS.has(expression.kind);
}

function resolveCall(call: FunctionCall, columnName: string, input: LogicalNode, typing: TypingContext): AggregateCall {
  const context = compileContext(input.schema, typing);
  const args = call.star ? [] : call.args;
  const compiled = args.map((arg) => compileInClause(arg, context, 'SELECT'));
  const resolved = typing.registry.resolveAggregate(call.name, compiled.map((arg) => arg.type), call.span);
  const columnCount = resolved.overload.columnParams ?? resolved.overload.params.length;
  const literalArgs = args.slice(columnCount).map((arg, index) => {
    if (!isLiteral(arg)) {
      throw new PlanError(`Parameter ${columnCount + index + 1} of ${call.name.toUpperCase()} must be a literal: ${formatExpression(arg)}`, arg.span);
    }
    return compiled[columnCount + index]!.evaluate([]);
  });
  return {
    call,
    columnName,
    columnArgs: args.slice(0, columnCount),
    literalArgs,
    resolved,
    columnArgTypes: compiled.slice(0, columnCount).map((arg) => arg.type),
  };
}

/** ksqlDB names every function that cannot take a row back out of its result, in order of appearance. */
function refuseWithoutUndo(calls: readonly AggregateCall[]): void {
  const names = [...new Set(calls.filter((call) => !supportsUndo(call)).map((call) => call.resolved.definition.name.toUpperCase()))];
  if (names.length === 0) return;
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  throw new PlanError(
    `The aggregation function${names.length === 1 ? '' : 's'} ${list} cannot be applied to a table source, only to a stream source.`,
    calls.find((call) => !supportsUndo(call))!.call.span,
  );
}

function supportsUndo(call: AggregateCall): boolean {
  const implementation = call.resolved.overload.create(call.resolved.argTypes, call.literalArgs);
  return implementation.undo !== undefined;
}
