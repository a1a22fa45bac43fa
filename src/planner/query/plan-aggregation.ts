// GROUP BY, WINDOW and HAVING: finds the aggregate calls of the SELECT list and HAVING, plans
// the Aggregate node (and the HAVING filter over it), and rewrites the SELECT items over the
// aggregate's rows: a GROUP BY expression becomes its key column, a call its aggregate column.
// Whatever else a SELECT item reads is not part of GROUP BY, and ksqlDB refuses it.
import type { Expression, FunctionCall, Query } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { someExpression } from '../expression/children.js';
import { rewriteExpression } from '../expression-rewriter.js';
import type { FunctionRegistry } from '../functions/registry.js';
import { aggregateNode, type AggregateNode } from '../logical/aggregate.js';
import { filterNode, type FilterNode } from '../logical/filter.js';
import type { LogicalNode, TypingContext } from '../logical/logical-node.js';
import type { SourceNode } from '../logical/source.js';
import { suppressNode, type SuppressNode } from '../logical/suppress.js';
import { windowSpec } from '../logical/window-spec.js';
import { PlanError } from '../plan-error.js';
import { sameExpression } from './same-expression.js';
import type { NamedExpression } from './select-items.js';

export interface PlannedAggregation {
  readonly node: AggregateNode | SuppressNode | FilterNode;
  /** The SELECT items over the aggregate's rows. */
  readonly items: readonly NamedExpression[];
}

/** True when the query aggregates: GROUP BY, WINDOW, HAVING or an aggregate call in the SELECT list. */
export function isAggregation(query: Query, items: readonly NamedExpression[], registry: FunctionRegistry): boolean {
  if (query.groupBy !== undefined || query.window !== undefined || query.having !== undefined) return true;
  return items.some((item) => someExpression(item.expression, (node) => isAggregateCall(node, registry)));
}

export function planAggregation(
  input: LogicalNode,
  query: Query,
  items: readonly NamedExpression[],
  from: SourceNode,
  typing: TypingContext,
  statementKind: string,
): PlannedAggregation {
  const registry = typing.registry;
  const expressions = [...items.map((item) => item.expression), ...(query.having === undefined ? [] : [query.having]), ...(query.groupBy ?? [])];
  for (const expression of expressions) refuseUnknownFunctions(expression, registry);
  if (from.source.valueFormat.format === 'KAFKA') {
    throw new PlanError(`Source(s) ${from.source.name} are using the 'KAFKA' value format. This format does not yet support GROUP BY.`, query.groupBy?.[0]?.span ?? query.span);
  }
  const calls = collectCalls([...items.map((item) => item.expression), ...(query.having === undefined ? [] : [query.having])], registry);
  if (query.groupBy === undefined) {
    const plain = items.filter((item) => findCall(item.expression, registry) === undefined && readsColumn(item.expression));
    if (plain.length > 0) throw notPartOfGroupBy(plain);
    const first = calls[0];
    const text = first === undefined ? '' : formatExpression(first.star ? { ...first, star: false, args: [{ kind: 'ColumnRef', source: undefined, name: 'ROWTIME', span: first.span }] } : first);
    throw new PlanError(`${statementKind} statement does not support aggregate function [${text}] without a GROUP BY clause.`, first?.span ?? query.span);
  }
  for (const expression of query.groupBy) {
    const nested = findCall(expression, registry);
    if (nested !== undefined) {
      throw new PlanError(`GROUP BY does not support aggregate functions: ${nested.name.toUpperCase()} is an aggregate function.`, nested.span);
    }
  }
  if (calls.length === 0) {
    throw new PlanError('GROUP BY requires aggregate functions in either the SELECT or HAVING clause.', query.groupBy[0]?.span ?? query.span);
  }
  const window = query.window === undefined ? undefined : windowSpec(query.window);
  const aggregate = aggregateNode(input, query.groupBy, calls, window, from, typing);
  const rewrite = (expression: Expression) => overAggregate(expression, aggregate, registry);

  const outside = items.filter((item) => readsInput(rewrite(item.expression), aggregate));
  if (outside.length > 0) throw notPartOfGroupBy(outside);
  let node: AggregateNode | SuppressNode | FilterNode = query.emit === 'FINAL' ? suppressNode(aggregate, query.span) : aggregate;
  if (query.having !== undefined) {
    const having = rewrite(query.having);
    const column = firstInputColumn(having, aggregate);
    if (column !== undefined) {
      throw new PlanError(`Non-aggregate HAVING expression not part of GROUP BY: ${formatExpression(column)}`, column.span);
    }
    node = filterNode(node, having, typing);
  }
  return { node, items: items.map((item) => ({ ...item, expression: rewrite(item.expression) })) };
}

function notPartOfGroupBy(items: readonly NamedExpression[]): PlanError {
  return new PlanError(
    `Non-aggregate SELECT expression(s) not part of GROUP BY: ${items.map((item) => formatExpression(unqualified(item.expression))).join(', ')}\n`
      + 'Either add the column(s) to the GROUP BY or remove them from the SELECT.',
    items[0]!.span,
  );
}

/** ksqlDB prints the offending expressions without qualifiers. */
function unqualified(expression: Expression): Expression {
  return rewriteExpression(expression, (node) => (node.kind === 'ColumnRef' && node.source !== undefined ? { ...node, source: undefined } : undefined));
}

function readsColumn(expression: Expression): boolean {
  return someExpression(expression, (node) => node.kind === 'ColumnRef');
}

/** An unknown function is the first error, before any GROUP BY rule. */
function refuseUnknownFunctions(expression: Expression, registry: FunctionRegistry): void {
  someExpression(expression, (node) => {
    if (node.kind === 'FunctionCall' && registry.get(node.name) === undefined) registry.resolveScalar(node.name, [], node.span);
    return false;
  });
}

function isAggregateCall(expression: Expression, registry: FunctionRegistry): expression is FunctionCall {
  return expression.kind === 'FunctionCall' && registry.get(expression.name)?.type === 'AGGREGATE';
}

function findCall(expression: Expression, registry: FunctionRegistry): FunctionCall | undefined {
  let found: FunctionCall | undefined;
  someExpression(expression, (node) => {
    if (isAggregateCall(node, registry)) found = node;
    return found !== undefined;
  });
  return found;
}

/** The distinct aggregate calls, in order of appearance; a call inside another is refused. */
function collectCalls(expressions: readonly Expression[], registry: FunctionRegistry): FunctionCall[] {
  const calls: FunctionCall[] = [];
  for (const expression of expressions) {
    someExpression(expression, (node) => {
      if (!isAggregateCall(node, registry)) return false;
      const nested = node.args.map((arg) => findCall(arg, registry)).find((call) => call !== undefined);
      if (nested !== undefined) {
        throw new PlanError(`Aggregate functions can not be nested: ${formatExpression(node)}`, nested.span);
      }
      if (!calls.some((call) => sameExpression(call, node))) calls.push(node);
      return false;
    });
  }
  return calls;
}

/** The expression over the aggregate's rows: GROUP BY expressions and aggregate calls become column references. */
function overAggregate(expression: Expression, aggregate: AggregateNode, registry: FunctionRegistry): Expression {
  return rewriteExpression(expression, (node) => {
    const keyIndex = aggregate.groupBy.findIndex((groupBy) => sameExpression(groupBy, node));
    if (keyIndex >= 0) return { kind: 'ColumnRef', source: undefined, name: aggregate.keys[keyIndex]!.columnName, span: node.span };
    if (isAggregateCall(node, registry)) {
      const call = aggregate.calls.find((candidate) => sameExpression(candidate.call, node))!;
      return { kind: 'ColumnRef', source: undefined, name: call.columnName, span: node.span };
    }
    return undefined;
  });
}

/** The first column reference that is neither a key, an aggregate nor a window bound of the aggregate. */
function firstInputColumn(expression: Expression, aggregate: AggregateNode): Expression | undefined {
  let found: Expression | undefined;
  someExpression(expression, (node) => {
    if (node.kind === 'ColumnRef' && (node.source !== undefined || aggregate.schema.indexOf(node.name) < 0)) found = node;
    return found !== undefined;
  });
  return found;
}

function readsInput(expression: Expression, aggregate: AggregateNode): boolean {
  return firstInputColumn(expression, aggregate) !== undefined;
}
