// Builds a stateless SELECT's logical plan from the AST, in the order ksqlDB applies its clauses
// (FROM, WHERE, PARTITION BY, table functions, SELECT, sink), so the first error a query hits
// is the one ksqlDB reports.
import type { Expression, PrimitiveTypeName, Query, Span, TypeNode } from '../../parser/index.js';
import { ConfigNames, type PlannerConfig } from '../config.js';
import type { FunctionRegistry } from '../functions/registry.js';
import { filterNode } from '../logical/filter.js';
import { joinNode } from '../logical/join.js';
import { compileContext, type LogicalNode, type TypingContext } from '../logical/logical-node.js';
import { projectNode, type KeyRules } from '../logical/project.js';
import { repartitionNode } from '../logical/repartition.js';
import { sinkNode, type SinkNode } from '../logical/sink.js';
import { sourceNode } from '../logical/source.js';
import { tableFunctionsNode } from '../logical/table-functions.js';
import type { DataSource, MetastoreView } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { implicitlyCastable, typesEqual, type SqlType } from '../types.js';
import { resolveTimestampColumn } from '../timestamp-column.js';
import { WithProperties } from '../with-properties.js';
import { compileInClause } from './compile-in-clause.js';
import { liftTableFunctions } from './lift-table-functions.js';
import { isAggregation, planAggregation } from './plan-aggregation.js';
import type { SinkTarget } from './plan-sink.js';
import { resolveSource } from './resolve-source.js';
import { pseudoColumns, type RowSchema } from './row-schema.js';
import { expandSelectItems, type NamedExpression } from './select-items.js';

export interface QueryPlanningContext {
  readonly metastore: MetastoreView;
  readonly registry: FunctionRegistry;
  readonly config: PlannerConfig;
}

export function buildLogicalPlan(query: Query, target: SinkTarget, context: QueryPlanningContext): SinkNode {
  const source = resolveSource(query.from.from.name, query.from.from.span, context.metastore);
  const from = sourceNode(source, query.from.from.alias ?? source.name, query.span);
  const typing: TypingContext = { registry: context.registry, customTypes: context.metastore.types() };
  let node: LogicalNode = from;
  const sourceColumns = new Set(source.columns.map((column) => column.name));
  const joined = query.from.joins.map((join) => resolveSource(join.right.name, join.right.span, context.metastore));
  const clashes = joined.length === 0 ? undefined : clashingColumnNames([source, ...joined]);
  query.from.joins.forEach((join, index) => {
    const right = joined[index]!;
    node = joinNode(node, sourceNode(right, join.right.alias ?? right.name, query.span), join, typing);
    for (const column of right.columns) sourceColumns.add(column.name);
  });
  if (query.where !== undefined) node = filterNode(node, query.where, typing);
  if (query.partitionBy !== undefined) node = repartitionNode(node, query.partitionBy, from, typing);

  const selectInput = node.schema;
  const selectItems = expandSelectItems(
    query.select,
    selectInput,
    (expression) => structFieldNames(expression, selectInput, typing),
    sourceColumns,
    clashes,
  );
  let items: readonly NamedExpression[] = selectItems;
  if (isAggregation(query, selectItems, context.registry)) {
    const tableFunctions = liftTableFunctions(selectItems, context.registry).calls;
    if (tableFunctions.length > 0) throw new PlanError('Table functions cannot be used with aggregations.', tableFunctions[0]!.span);
    const aggregation = planAggregation(node, query, selectItems, from, typing, statementKind(target));
    node = aggregation.node;
    items = aggregation.items;
  } else if (query.emit === 'FINAL') {
    throw new PlanError('EMIT FINAL is only supported for windowed aggregations.', query.span);
  }
  const lifted = liftTableFunctions(items, context.registry);
  if (lifted.calls.length > 0) node = tableFunctionsNode(node, lifted.calls, typing);

  checkSinkTimestampSelected(target, lifted.items);
  const rules = keyRules(target, context.config);
  let projected = projectNode(node, lifted.items, rules, from, typing);
  if (target.kind === 'InsertInto') {
    const cast = withImplicitCasts(lifted.items, projected.schema, target.sink);
    if (cast !== lifted.items) projected = projectNode(node, cast, rules, from, typing);
  }
  return sinkNode(projected, target, query, from, context.config, selectItems);
}

/** Column names (pseudo-columns included) that more than one of a join's sources has: ksqlDB qualifies them in names. */
function clashingColumnNames(sources: readonly DataSource[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const clashing = new Set<string>();
  for (const source of sources) {
    for (const name of new Set([...source.columns.map((column) => column.name), ...pseudoColumns(undefined).map((column) => column.name)])) {
      if (seen.has(name)) clashing.add(name);
      seen.add(name);
    }
  }
  return clashing;
}

function structFieldNames(expression: Expression, schema: RowSchema, typing: TypingContext): readonly string[] {
  const type = compileInClause(expression, compileContext(schema, typing), 'SELECT').type;
  if (type.kind !== 'STRUCT') {
    throw new PlanError(`Cannot use '->*' on a non-STRUCT expression of type ${type.kind}.`, expression.span);
  }
  return type.fields.map((field) => field.name);
}

/**
 * INSERT INTO casts a selected number to the wider type of the sink's column of the same name, as
 * ksqlDB does (`1` into a DECIMAL(5, 2) column); any other difference is the sink's schema error.
 */
function withImplicitCasts(items: readonly NamedExpression[], projected: RowSchema, sink: DataSource): readonly NamedExpression[] {
  let changed = false;
  const cast = items.map((item) => {
    const from = projected.columns.find((column) => column.name === item.name)?.type;
    const to = sink.columns.find((column) => column.name === item.name && column.namespace !== 'HEADER')?.type;
    if (from === undefined || to === undefined || typesEqual(from, to) || !implicitlyCastable(from, to)) return item;
    changed = true;
    return { ...item, expression: { kind: 'Cast', operand: item.expression, type: typeNode(to, item.span), span: item.span } satisfies Expression };
  });
  return changed ? cast : items;
}

function typeNode(type: SqlType, span: Span): TypeNode {
  return type.kind === 'DECIMAL'
    ? { kind: 'DecimalType', precision: type.precision, scale: type.scale, span }
    : { kind: 'PrimitiveType', name: type.kind as PrimitiveTypeName, span };
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

function statementKind(target: SinkTarget): string {
  if (target.kind === 'CreateAsSelect') return `CREATE ${target.sourceType} AS SELECT`;
  return target.kind === 'InsertInto' ? 'INSERT INTO' : 'SELECT';
}

function keyRules(target: SinkTarget, config: PlannerConfig): KeyRules {
  if (target.kind === 'Transient') return { kind: 'Transient' };
  return {
    kind: 'Persistent',
    sinkName: target.kind === 'CreateAsSelect' ? target.name : target.sink.name,
    dropUnselectedKeys: config.get(ConfigNames.newQueryPlanner) === 'true',
  };
}
