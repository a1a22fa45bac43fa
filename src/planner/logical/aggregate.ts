// Aggregate (GROUP BY, WINDOW, HAVING): a shell until stateful aggregation lands. Its factory
// refuses the first of those clauses a query has.
import type { Expression, Query, WindowExpression } from '../../parser/index.js';
import { PlanError } from '../plan-error.js';
import type { LogicalNode, LogicalNodeBase } from './logical-node.js';

export interface AggregateNode extends LogicalNodeBase {
  readonly kind: 'Aggregate';
  readonly input: LogicalNode;
  readonly groupBy: readonly Expression[];
  readonly window: WindowExpression | undefined;
  readonly having: Expression | undefined;
}

type AggregateClauses = Pick<Query, 'window' | 'groupBy' | 'having' | 'span'>;

/** Takes only the clauses: the refusal comes before the source is even looked up. */
export function aggregateNode(clauses: AggregateClauses): never {
  if (clauses.window !== undefined) {
    throw new PlanError('Windowed aggregation (WINDOW) is not supported yet.', clauses.window.span, 'NOT_SUPPORTED');
  }
  if (clauses.groupBy !== undefined) {
    throw new PlanError('GROUP BY is not supported yet.', clauses.groupBy[0]?.span ?? clauses.span, 'NOT_SUPPORTED');
  }
  throw new PlanError('HAVING is not supported yet.', clauses.having?.span ?? clauses.span, 'NOT_SUPPORTED');
}
