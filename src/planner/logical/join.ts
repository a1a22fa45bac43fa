// Join: a shell until joins land. Its factory refuses every JOIN with ksqlDB-style wording.
import type { JoinClause } from '../../parser/index.js';
import { PlanError } from '../plan-error.js';
import type { LogicalNode, LogicalNodeBase } from './logical-node.js';

export interface JoinNode extends LogicalNodeBase {
  readonly kind: 'Join';
  readonly left: LogicalNode;
  readonly right: LogicalNode;
  readonly clause: JoinClause;
}

/** Takes only the clause: the refusal comes before the sources are even looked up. */
export function joinNode(clause: JoinClause): never {
  throw new PlanError('JOIN is not supported yet.', clause.span, 'NOT_SUPPORTED');
}
