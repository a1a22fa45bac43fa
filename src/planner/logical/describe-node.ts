// The one-line detail of each node, shared by EXPLAIN's logical plan and the physical steps'
// descriptions so the two always print an operator the same way.
import { formatExpression } from '../expression/index.js';
import { formatQualified } from '../query/same-expression.js';
import { dispatch, type LogicalNode, type NodeHandlers } from './logical-node.js';

/** `qualifier` names the source the chain reads; unqualified column references print with it (`INPUT.AGE`). */
export function describeNode(node: LogicalNode, qualifier: string): string {
  const handlers: NodeHandlers<string> = {
    Source: (source) => `${source.source.name} (${source.source.sourceType})`,
    Filter: (filter) => formatQualified(filter.predicate, qualifier),
    Repartition: (repartition) =>
      repartition.partitionBy.length === 0 ? 'NULL' : repartition.partitionBy.map((expression) => formatQualified(expression, qualifier)).join(', '),
    TableFunctions: (tableFunctions) => tableFunctions.calls.map((call) => formatExpression(call)).join(', '),
    Project: (project) => project.items.map((item) => `${formatExpression(item.expression)} AS ${item.name}`).join(', '),
    Aggregate: (aggregate) => aggregate.groupBy.map((expression) => formatQualified(expression, qualifier)).join(', '),
    Suppress: () => 'EMIT FINAL',
    Join: (join) => `${join.clause.type} JOIN ${join.clause.right.name}`,
    Sink: (sink) => `${sink.sinkSource.name} (${sink.sinkSource.sourceType})`,
  };
  return dispatch(node, handlers);
}
