// Lowers a logical plan to the physical QueryPlan the runtime executes: expressions become
// compiled closures over row positions, and the chain becomes a source, steps and a sink.
import type { Expression } from '../../parser/index.js';
import { ConfigNames, type PlannerConfig } from '../config.js';
import { compileCast, identityCast } from '../cast.js';
import { keyColumns, valueColumns, type Column } from '../metastore.js';
import type { AggregateFunctionStep, AggregateStep, JoinSideStep, JoinStep, QueryPlan, RowFunction, SinkStep, SourceStep, Step } from '../physical-plan.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { readColumn } from '../query/row-schema.js';
import { sameJoinExpression } from '../query/same-expression.js';
import type { AggregateNode } from './aggregate.js';
import { describeNode } from './describe-node.js';
import type { FilterNode } from './filter.js';
import { JOIN_KEY_COLUMN, joinSources, type JoinNode } from './join.js';
import { compileContext, dispatch, inputsOf, type LogicalNode, type NodeHandlers, type TypingContext } from './logical-node.js';
import type { ProjectNode } from './project.js';
import type { RepartitionNode } from './repartition.js';
import type { SinkNode } from './sink.js';
import type { SourceNode } from './source.js';
import { compileTableFunctionCall, type TableFunctionsNode } from './table-functions.js';

export interface LoweringContext extends TypingContext {
  readonly config: PlannerConfig;
}

export function lowerPlan(plan: SinkNode, queryId: string, context: LoweringContext): QueryPlan {
  const { source: bottom, operators } = chainBelow(plan);
  // A join's rows carry every side's columns, qualified: descriptions keep the qualifiers.
  const source = bottom.kind === 'Join' ? joinSources(bottom)[0]! : bottom;
  const qualifier = bottom.kind === 'Join' ? '' : source.qualifier;
  const lowerStep = stepLowerings(qualifier, context);
  const aggregateAt = operators.findIndex((node) => node.kind === 'Aggregate');
  const before = aggregateAt < 0 ? operators : operators.slice(0, aggregateAt);
  const aggregate = aggregateAt < 0 ? undefined : (operators[aggregateAt] as AggregateNode);
  return {
    queryId,
    source: lowerSource(source, context.config),
    ...(bottom.kind === 'Join' ? { join: lowerJoin(bottom, context) } : {}),
    steps: before.map((node) => dispatch(node, lowerStep)),
    ...(aggregate === undefined
      ? {}
      : {
          aggregate: lowerAggregate(aggregate, operators[aggregateAt + 1]?.kind === 'Suppress', qualifier, context),
          // Over the aggregate's rows, column references are unqualified.
          afterAggregate: operators
            .slice(aggregateAt + 1)
            .filter((node) => node.kind !== 'Suppress')
            .map((node) => dispatch(node, stepLowerings('', context))),
        }),
    sink: lowerSink(plan, bottom.kind === 'Source' && !operators.some((node) => node.kind === 'Repartition' || node.kind === 'Aggregate')),
    sinkSource: plan.sinkSource,
    limit: plan.limit,
  };
}

/** The source or join under the sink and the operators between them, in row order. */
function chainBelow(plan: SinkNode): { source: SourceNode | JoinNode; operators: LogicalNode[] } {
  const operators: LogicalNode[] = [];
  let node = plan.input;
  while (node.kind !== 'Source' && node.kind !== 'Join') {
    operators.unshift(node);
    node = inputsOf(node)[0]!;
  }
  return { source: node, operators };
}

function lowerJoin(node: JoinNode, context: LoweringContext): JoinStep {
  const side = (input: LogicalNode, expressions: readonly Expression[], repartition: boolean): JoinSideStep => ({
    input: input.kind === 'Join' ? lowerJoin(input, context) : lowerSource(input as SourceNode, context.config),
    key: joinKeyFunction(expressions.map((expression) => compileInClause(expression, compileContext(input.schema, context), 'JOIN ON').evaluate)),
    windowBounds: input.kind === 'Source' ? windowBoundsFunction(input) : undefined,
    repartition,
    width: input.schema.width,
  });
  return {
    kind: 'Join',
    joinType: node.joinType,
    shape: node.shape,
    foreignKey: node.foreignKey,
    window: node.window,
    // A foreign-key join's results are partitioned by foreign key: a join on the left key moves them back.
    left: side(node.left, node.on.map((pair) => pair.left), node.repartitionLeft || (node.left.kind === 'Join' && node.left.foreignKey)),
    right: side(node.right, node.on.map((pair) => pair.right), node.repartitionRight),
    syntheticKey: node.syntheticKey,
    keyCount: node.foreignKey ? 1 : node.on.length,
    description: describeNode(node, ''),
  };
}

/** One expression's value, or the tuple of several (NULL when any is: a NULL never joins). */
function joinKeyFunction(parts: readonly RowFunction[]): RowFunction {
  if (parts.length === 1) return parts[0]!;
  return (row) => {
    const tuple = parts.map((part) => part(row));
    return tuple.some((value) => value === null || value === undefined) ? null : tuple;
  };
}

/**
 * ksqlDB matches a windowed source's rows by their keys' bytes, which hold the window start (and
 * a session's end): rows of other windows never meet.
 */
function windowBoundsFunction(node: SourceNode): ((row: readonly unknown[]) => readonly unknown[]) | undefined {
  const window = node.source.window;
  if (window === undefined) return undefined;
  const start = node.schema.indexOf('WINDOWSTART', node.qualifier);
  const end = node.schema.indexOf('WINDOWEND', node.qualifier);
  if (window.type === 'SESSION') return (row) => [row[start], row[end]];
  return (row) => [row[start]];
}

/** The prepared row: the group key values, then each call's arguments widened to the types its overload takes. */
function lowerAggregate(node: AggregateNode, emitFinal: boolean, qualifier: string, typing: LoweringContext): AggregateStep {
  const context = compileContext(node.input.schema, typing);
  const prepare: RowFunction[] = node.groupBy.map((expression) => compileInClause(expression, context, 'GROUP BY').evaluate);
  const functions = node.calls.map((call): AggregateFunctionStep => {
    const argumentIndexes = call.columnArgs.map((arg, index) => {
      const evaluate = compileInClause(arg, context, 'SELECT').evaluate;
      const cast = compileCast(call.columnArgTypes[index]!, call.resolved.argTypes[index]!);
      prepare.push(cast === undefined || cast === identityCast ? evaluate : (row) => cast(evaluate(row)));
      return prepare.length - 1;
    });
    const { overload, argTypes } = call.resolved;
    return { name: call.resolved.definition.name, create: () => overload.create(argTypes, call.literalArgs, typing.config), argumentIndexes };
  });
  return {
    kind: 'Aggregate',
    prepare,
    keyColumns: node.schema.columns.flatMap((column): Column[] => (column.role === 'KEY' ? [{ name: column.name, type: column.type, namespace: 'KEY' }] : [])),
    functions,
    window: node.window,
    emitFinal,
    coalesce: Number(typing.config.get(ConfigNames.cacheMaxBytesBuffering) ?? typing.config.get('cache.max.bytes.buffering') ?? 0) > 0,
    repartition: node.repartition,
    inputIsTable: node.inputIsTable,
    description: describeNode(node, qualifier),
  };
}

function stepLowerings(qualifier: string, typing: TypingContext): NodeHandlers<Step> {
  const notAStep = (node: LogicalNode): never => {
    throw new Error(`Lowering: a ${node.kind} node cannot be a step of a stateless chain.`);
  };
  return {
    Filter: (node) => lowerFilter(node, qualifier, typing),
    Repartition: (node) => lowerRepartition(node, qualifier, typing),
    TableFunctions: (node) => lowerTableFunctions(node, qualifier, typing),
    Project: (node) => lowerProject(node, qualifier, typing),
    Source: notAStep,
    Sink: notAStep,
    Aggregate: notAStep,
    Suppress: notAStep,
    Join: notAStep,
  };
}

function lowerSource(node: SourceNode, config: PlannerConfig): SourceStep {
  const { source, schema } = node;
  return {
    kind: 'Source',
    sourceName: source.name,
    sourceType: source.sourceType,
    topic: source.topic,
    keyColumns: keyColumns(source),
    valueColumns: valueColumns(source),
    headerColumns: source.columns.filter((column) => column.namespace === 'HEADER'),
    keyFormat: source.keyFormat,
    valueFormat: source.valueFormat,
    window: source.window,
    timestampColumnIndex: source.timestamp === undefined ? undefined : schema.indexOf(source.timestamp.column),
    timestampFormat: source.timestamp?.format,
    failOnInvalidTimestamp: config.get(ConfigNames.timestampThrowOnInvalid) === 'true',
    rowWidth: schema.width,
  };
}

function compileOver(node: LogicalNode & { input: LogicalNode }, clause: string, typing: TypingContext) {
  const context = compileContext(node.input.schema, typing);
  return (expression: Expression): RowFunction => compileInClause(expression, context, clause).evaluate;
}

function lowerFilter(node: FilterNode, qualifier: string, typing: TypingContext): Step {
  return { kind: 'Filter', predicate: compileOver(node, 'WHERE', typing)(node.predicate), description: describeNode(node, qualifier) };
}

/** PARTITION BY keeps every output on a tombstone: the old key columns it carries feed keys computed later. */
function lowerRepartition(node: RepartitionNode, qualifier: string, typing: TypingContext): Step {
  const expressions = [...node.partitionBy.map(compileOver(node, 'PARTITION BY', typing)), ...node.carriedIndexes.map(readColumn)];
  return {
    kind: 'Project',
    label: 'PartitionBy',
    expressions,
    keyCount: node.partitionBy.length,
    keptOnTombstone: expressions.map(() => true),
    description: describeNode(node, qualifier),
  };
}

function lowerTableFunctions(node: TableFunctionsNode, qualifier: string, typing: TypingContext): Step {
  return {
    kind: 'TableFunctions',
    functions: node.calls.map((call) => compileTableFunctionCall(call, node.input.schema, typing).evaluate),
    description: describeNode(node, qualifier),
  };
}

/** A SELECT keeps its keys and a windowed row's window bounds on a tombstone; its values become NULL. */
function lowerProject(node: ProjectNode, qualifier: string, typing: TypingContext): Step {
  const compile = compileOver(node, 'SELECT', typing);
  const valueItemIndexes = node.items.flatMap((_, index) => (node.keyItemIndexes.includes(index) ? [] : [index]));
  // A join's key columns are the join key itself, whichever side's column the projection names:
  // in an outer join that side may be missing.
  const joinKeyIndexes = joinKeyColumnIndexes(node);
  const outputs = [
    ...node.keyItemIndexes.map((index) => {
      const joinKeyIndex = joinKeyIndexes.get(index);
      return joinKeyIndex === undefined ? compile(node.items[index]!.expression) : readColumn(joinKeyIndex);
    }),
    ...valueItemIndexes.map((index) => compile(node.items[index]!.expression)),
  ];
  return {
    kind: 'Project',
    label: 'Project',
    expressions: [...outputs, ...node.windowBoundIndexes.map(readColumn)],
    keyCount: node.keyItemIndexes.length,
    keptOnTombstone: [...node.keyItemIndexes.map(() => true), ...valueItemIndexes.map(() => false), ...node.windowBoundIndexes.map(() => true)],
    description: describeNode(node, qualifier),
  };
}

/** For each key item of a projection over a join, the hidden join key column it reads (the last ones, one per key). */
function joinKeyColumnIndexes(node: ProjectNode): Map<number, number> {
  const keys = node.input.keys;
  const found = new Map<number, number>();
  if (keys[0]?.join !== 'columns') return found;
  const columns = node.input.schema.columns;
  const hidden: number[] = [];
  for (let index = columns.length - 1; index >= 0 && hidden.length < keys.length; index--) {
    if (columns[index]!.name === JOIN_KEY_COLUMN && columns[index]!.qualifier === '') hidden.unshift(index);
  }
  for (const itemIndex of node.keyItemIndexes) {
    const expression = node.items[itemIndex]!.expression;
    const keyNumber = keys.length === 1 ? 0 : keys.findIndex((key) => [key.expression, ...(key.alternatives ?? [])].some((candidate) => sameJoinExpression(expression, candidate)));
    if (keyNumber >= 0) found.set(itemIndex, hidden[keyNumber]!);
  }
  return found;
}

function lowerSink(node: SinkNode, keyPassesThrough: boolean): SinkStep {
  const { sinkSource } = node;
  const columns = [...node.keyColumns, ...node.valueColumns];
  const timestampColumn = sinkSource.timestamp?.column;
  return {
    kind: 'Sink',
    sinkName: sinkSource.name,
    sourceType: sinkSource.sourceType,
    topic: sinkSource.topic,
    keyColumns: node.keyColumns,
    valueColumns: node.valueColumns,
    keyFormat: sinkSource.keyFormat,
    valueFormat: sinkSource.valueFormat,
    keyPassesThrough,
    window: sinkSource.window,
    timestampColumnIndex: timestampColumn === undefined ? undefined : columns.findIndex((column) => column.name === timestampColumn),
    timestampFormat: sinkSource.timestamp?.format,
    partitions: node.partitions,
  };
}
