// Names every node with its stable ksqlDB step name (`KsqlTopic/Source`, `WhereFilter`...), which
// EXPLAIN prints and from which internal topic and store names will be derived.
import { inputsOf, withInputs, type LogicalNode, type LogicalNodeKind } from './logical-node.js';
import type { LogicalPass } from './passes.js';

const STEP_NAMES: Readonly<Record<LogicalNodeKind, string>> = {
  Source: 'KsqlTopic/Source',
  Filter: 'WhereFilter',
  Repartition: 'PartitionBy-SelectKey',
  TableFunctions: 'FlatMap',
  Project: 'Project',
  Aggregate: 'Aggregate/GroupBy',
  Suppress: 'Suppress',
  Join: 'Join',
  Sink: 'KsqlTopic/Sink',
};

function named<Node extends LogicalNode>(node: Node): Node {
  const renamed = withInputs(node, inputsOf(node).map(named));
  return Object.freeze<Node>({ ...renamed, id: STEP_NAMES[node.kind] });
}

export const assignNodeIds: LogicalPass = { name: 'assignNodeIds', apply: named };
