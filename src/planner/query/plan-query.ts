// Plans a stateless SELECT (source, WHERE, PARTITION BY, table functions, projection) into a
// physical QueryPlan with ksqlDB's key rules. Joins, windows and GROUP BY are refused here.
import type { Expression, Query, Span } from '../../parser/index.js';
import type { CompileContext } from '../expression/index.js';
import { compileInClause } from './compile-in-clause.js';
import type { FunctionRegistry } from '../functions/registry.js';
import { keyColumns, valueColumns, type DataSource, type MetastoreView } from '../metastore.js';
import { ConfigNames, type PlannerConfig } from '../config.js';
import { PlanError } from '../plan-error.js';
import type { QueryPlan, RowFunction, SourceStep, Step, TableFunctionStep } from '../physical-plan.js';
import { formatExpression } from '../expression/index.js';
import { formatQualified, sameExpression } from './same-expression.js';
import { checkKeyType, checkReservedName } from '../column-rules.js';
import type { SqlType } from '../types.js';
import { castNotSupportedMessage, compileCast, identityCast } from '../cast.js';
import { rewriteExpression } from '../expression-rewriter.js';
import { readColumn, RowSchema, WINDOW_BOUND_COLUMNS, type RowColumn } from './row-schema.js';
import { expandSelectItems, type NamedExpression } from './select-items.js';
import { planPartitionBy, type KeySpec } from './partition-by.js';
import { planSink, type SinkTarget } from './plan-sink.js';
import { WithProperties } from '../with-properties.js';
import { resolveTimestampColumn } from '../timestamp-column.js';
import { sourceNameHint } from '../source-name-hint.js';

export interface QueryPlanningContext {
  readonly metastore: MetastoreView;
  readonly registry: FunctionRegistry;
  readonly config: PlannerConfig;
}

/** The output of a planned SELECT before its sink is chosen. */
interface Projection {
  readonly keys: readonly OutputColumn[];
  readonly values: readonly OutputColumn[];
}

interface OutputColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly evaluate: RowFunction;
}

export function planQuery(query: Query, target: SinkTarget, queryId: string, context: QueryPlanningContext): QueryPlan {
  rejectUnsupported(query);
  const source = resolveSource(query.from.from.name, query.from.from.span, context.metastore);
  const qualifier = query.from.from.alias ?? source.name;
  let schema = RowSchema.ofSource(source, qualifier);
  const sourceStep = planSourceStep(source, schema, context.config);
  const steps: Step[] = [];
  const compileContext = (scope: RowSchema): CompileContext => ({
    scope,
    registry: context.registry,
    customTypes: context.metastore.types(),
  });

  if (query.where !== undefined) {
    steps.push(planFilter(query.where, compileContext(schema), qualifier));
  }

  let keys: readonly KeySpec[] = schema.columns.flatMap((column) =>
    column.role === 'KEY'
      ? [{ expression: { kind: 'ColumnRef', source: qualifier, name: column.name, span: query.span } as Expression, columnName: column.name }]
      : [],
  );
  if (query.partitionBy !== undefined) {
    const partitioned = planPartitionBy(query.partitionBy, schema, compileContext(schema), qualifier, source);
    steps.push(partitioned.step);
    schema = partitioned.schema;
    keys = partitioned.keys;
  }

  const selectItems = expandSelectItems(
    query.select,
    schema,
    (expression) => structFieldNames(expression, compileContext(schema)),
    new Set(source.columns.map((column) => column.name)),
  );
  const tableFunctions = planTableFunctions(selectItems, schema, compileContext(schema), context.registry);
  if (tableFunctions !== undefined) {
    steps.push(tableFunctions.step);
    schema = tableFunctions.schema;
  }
  const items = tableFunctions?.items ?? selectItems;

  const isPersistent = target.kind !== 'Transient';
  checkSinkTimestampSelected(target, items);
  const projection = isPersistent
    ? planKeyedProjection(items, keys, compileContext(schema), target, qualifier, source, context.config.get(ConfigNames.newQueryPlanner) === 'true')
    : planTransientProjection(items, compileContext(schema));
  // A persistent query over a windowed source keeps each row's window in its key.
  const carriesWindow = isPersistent && source.window !== undefined;
  const windowBounds = carriesWindow ? WINDOW_BOUND_COLUMNS.map((column) => readColumn(schema.indexOf(column.name))) : [];
  const expressions = [...[...projection.keys, ...projection.values].map((column) => column.evaluate), ...windowBounds];
  steps.push({
    kind: 'Project',
    label: 'Project',
    expressions,
    keyCount: projection.keys.length,
    keptOnTombstone: [...projection.keys.map(() => true), ...projection.values.map(() => false), ...windowBounds.map(() => true)],
    description: items.map((item) => `${formatExpression(item.expression)} AS ${item.name}`).join(', '),
  });

  const sink = planSink({
    target,
    query,
    source,
    keyColumns: projection.keys.map((column) => ({ name: column.name, type: column.type, namespace: 'KEY' as const })),
    valueColumns: projection.values.map((column) => ({ name: column.name, type: column.type, namespace: 'VALUE' as const })),
    config: context.config,
  });
  return {
    queryId,
    source: sourceStep,
    steps,
    sink: sink.step,
    sinkSource: sink.source,
    limit: query.limit,
  };
}

/** A sink's TIMESTAMP must name a selected column; ksqlDB says so before any key rule. */
function checkSinkTimestampSelected(target: SinkTarget, items: readonly NamedExpression[]): void {
  if (target.kind !== 'CreateAsSelect') return;
  const properties = new WithProperties(target.properties);
  const name = properties.string('TIMESTAMP');
  if (name === undefined || items.some((item) => item.name === name || item.name === name.toUpperCase())) return;
  // Resolving against no columns raises ksqlDB's "does not exist in the schema" error.
  resolveTimestampColumn(properties, []);
}

function rejectUnsupported(query: Query): void {
  if (query.from.joins.length > 0) {
    throw new PlanError('JOIN is not supported yet.', query.from.joins[0]!.span, 'NOT_SUPPORTED');
  }
  if (query.window !== undefined) {
    throw new PlanError('Windowed aggregation (WINDOW) is not supported yet.', query.window.span, 'NOT_SUPPORTED');
  }
  if (query.groupBy !== undefined) {
    throw new PlanError('GROUP BY is not supported yet.', query.groupBy[0]?.span ?? query.span, 'NOT_SUPPORTED');
  }
  if (query.having !== undefined) {
    throw new PlanError('HAVING is not supported yet.', query.having.span, 'NOT_SUPPORTED');
  }
  if (query.emit === 'FINAL') {
    throw new PlanError('EMIT FINAL is only supported on windowed aggregations.', query.span, 'NOT_SUPPORTED');
  }
}

export function resolveSource(name: string, span: Span, metastore: MetastoreView): DataSource {
  const source = metastore.getSource(name);
  if (source !== undefined) return source;
  const hint = sourceNameHint(name, metastore);
  throw new PlanError(`Line: ${span.line}, Col: ${span.column}: Source \`${name}\` does not exist.${hint}`, span, 'NOT_FOUND');
}

function planSourceStep(source: DataSource, schema: RowSchema, config: PlannerConfig): SourceStep {
  const timestampColumnIndex = source.timestamp === undefined ? undefined : schema.indexOf(source.timestamp.column);
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
    timestampColumnIndex,
    timestampFormat: source.timestamp?.format,
    failOnInvalidTimestamp: config.get(ConfigNames.timestampThrowOnInvalid) === 'true',
    rowWidth: schema.width,
  };
}

function planFilter(where: Expression, context: CompileContext, qualifier: string): Step {
  const predicate = compileInClause(where, context, 'WHERE');
  if (predicate.type.kind !== 'BOOLEAN') {
    throw new PlanError(`Type error in WHERE expression: Should evaluate to boolean but is ${formatExpression(where)} (${predicate.type.kind}) instead.`, where.span);
  }
  return { kind: 'Filter', predicate: predicate.evaluate, description: formatQualified(where, qualifier) };
}

function structFieldNames(expression: Expression, context: CompileContext): readonly string[] {
  const type = compileInClause(expression, context, 'SELECT').type;
  if (type.kind !== 'STRUCT') {
    throw new PlanError(`Cannot use '->*' on a non-STRUCT expression of type ${type.kind}.`, expression.span);
  }
  return type.fields.map((field) => field.name);
}

/**
 * Table function calls anywhere in the SELECT list are lifted into a TableFunctions step that
 * appends one column per call; the SELECT expressions then read those columns.
 */
function planTableFunctions(
  items: readonly NamedExpression[],
  schema: RowSchema,
  context: CompileContext,
  registry: FunctionRegistry,
): { step: TableFunctionStep; schema: RowSchema; items: NamedExpression[] } | undefined {
  const functions: TableFunctionStep['functions'][number][] = [];
  const appended: RowColumn[] = [];
  const calls: Expression[] = [];
  const rewritten = items.map((item) => ({
    ...item,
    expression: rewriteExpression(item.expression, (expression) => {
      if (expression.kind !== 'FunctionCall' || registry.get(expression.name)?.type !== 'TABLE') return undefined;
      const planned = planTableFunctionCall(expression, context, registry);
      functions.push(planned.evaluate);
      const name = `$TF_${appended.length}`;
      appended.push({ name, type: planned.type, role: 'VALUE', qualifier: undefined });
      calls.push(expression);
      return { kind: 'ColumnRef', source: undefined, name, span: expression.span };
    }),
  }));
  if (functions.length === 0) return undefined;
  return {
    step: { kind: 'TableFunctions', functions, description: calls.map((call) => formatExpression(call)).join(', ') },
    schema: new RowSchema([...schema.columns, ...appended]),
    items: rewritten,
  };
}

function planTableFunctionCall(call: Extract<Expression, { kind: 'FunctionCall' }>, context: CompileContext, registry: FunctionRegistry) {
  const args = call.args.map((arg) => compileInClause(arg, context, 'SELECT'));
  const resolved = registry.resolveTable(call.name, args.map((arg) => arg.type), call.span);
  const implementation = resolved.overload.create(resolved.argTypes);
  // The conversion to each resolved argument type is built once here, not per record.
  const evaluators = args.map((arg, index): RowFunction => {
    const target = resolved.argTypes[index]!;
    const cast = compileCast(arg.type, target);
    if (cast === undefined) throw new PlanError(castNotSupportedMessage(arg.type, target), call.args[index]!.span);
    return cast === identityCast ? arg.evaluate : (row) => cast(arg.evaluate(row));
  });
  const evaluate = (row: readonly unknown[]): readonly unknown[] | null => {
    const values = evaluators.map((evaluator) => evaluator(row));
    if (values.some((value) => value === null || value === undefined)) return null;
    return implementation(...values);
  };
  return { type: resolved.returnType, evaluate };
}

function planTransientProjection(items: readonly NamedExpression[], context: CompileContext): Projection {
  return {
    keys: [],
    values: items.map((item) => {
      const compiled = compileInClause(item.expression, context, 'SELECT');
      return { name: item.name, type: compiled.type, evaluate: compiled.evaluate };
    }),
  };
}

/**
 * ksqlDB's key rules for a persistent query: every key column (or PARTITION BY expression) must
 * be selected exactly once; it becomes the output key, under its alias; the rest are values.
 */
function planKeyedProjection(
  items: readonly NamedExpression[],
  keys: readonly KeySpec[],
  context: CompileContext,
  target: SinkTarget,
  qualifier: string,
  source: DataSource,
  newPlanner: boolean,
): Projection {
  // Every expression is compiled first: an invalid expression is the more useful error.
  const compiled = items.map((item) => compileInClause(item.expression, context, 'SELECT'));
  const keyItemIndexes: number[] = [];
  let anyMissing = false;
  for (const key of keys) {
    const matches = items.flatMap((item, index) => (selectsKey(item.expression, key) ? [index] : []));
    if (matches.length === 0) {
      anyMissing = true;
      continue;
    }
    if (matches.length > 1) {
      const names = matches.map((index) => items[index]!.name).sort();
      throw new PlanError(
        `The projection contains a key column (\`${key.columnName}\`) more than once, aliased as: ${names.join(' and ')}.`,
        items[matches[1]!]!.span,
      );
    }
    keyItemIndexes.push(matches[0]!);
  }
  // ksqlDB names every key when one is missing. Its new planner instead drops unselected keys.
  if (anyMissing && !newPlanner) throw missingKeyError(keys.map((key) => key.expression), target, qualifier, source);
  const output = (index: number): OutputColumn => ({ name: items[index]!.name, type: compiled[index]!.type, evaluate: compiled[index]!.evaluate });
  // Keys keep the key order (source key or PARTITION BY order); the new planner uses the projection's.
  const ordered = newPlanner ? [...keyItemIndexes].sort((left, right) => left - right) : keyItemIndexes;
  const outputKeys = ordered.map((index) => {
    checkKeyType(items[index]!.name, compiled[index]!.type, items[index]!.span);
    return output(index);
  });
  const values = items.flatMap((item, index): OutputColumn[] => {
    if (keyItemIndexes.includes(index)) return [];
    checkReservedName(item.name, item.span);
    return [output(index)];
  });
  if (values.length === 0) {
    throw new PlanError('The projection contains no value columns.', items[0]?.span);
  }
  checkDuplicateNames([...outputKeys, ...values], items[0]?.span);
  return { keys: outputKeys, values };
}

/** An item selects a key when it is the key's expression, or a plain reference to the key column. */
function selectsKey(expression: Expression, key: KeySpec): boolean {
  if (sameExpression(expression, key.expression)) return true;
  return expression.kind === 'ColumnRef' && expression.name === key.columnName;
}

function keyColumnName(expression: Expression): string {
  return expression.kind === 'ColumnRef' ? expression.name : formatExpression(expression);
}

function missingKeyError(missing: readonly Expression[], target: SinkTarget, qualifier: string, source: DataSource): PlanError {
  const sinkName = target.kind === 'Transient' ? '' : target.kind === 'CreateAsSelect' ? target.name : target.sink.name;
  const fromPartitionBy = missing.some((expression) => expression.kind !== 'ColumnRef' || expression.source !== qualifier || !source.columns.some((column) => column.namespace === 'KEY' && column.name === expression.name));
  if (!fromPartitionBy) {
    const names = missing.map((expression) => keyColumnName(expression));
    const noun = names.length === 1 ? 'key column' : 'key columns';
    return new PlanError(
      `The query used to build \`${sinkName}\` must include the ${noun} ${joinNames(names)} in its projection (eg, SELECT ${names.join(', ')}...).`,
      missing[0]!.span,
    );
  }
  const texts = missing.map((expression) => formatQualified(expression, qualifier));
  const noun = texts.length === 1 ? 'partitioning expression' : 'partitioning expressions';
  return new PlanError(
    `The query used to build \`${sinkName}\` must include the ${noun} ${joinNames(texts)} in its projection (eg, SELECT ${texts.join(', ')}...).`,
    missing[0]!.span,
  );
}

/** "A", "A and B", "A, B and C" */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function checkDuplicateNames(columns: readonly OutputColumn[], span: Span | undefined): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      throw new PlanError(`Duplicate value columns found in schema: \`${column.name}\` ${column.type.kind}`, span);
    }
    seen.add(column.name);
  }
}
