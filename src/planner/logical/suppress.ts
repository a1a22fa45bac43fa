// Suppress (EMIT FINAL): a shell until windowed aggregation lands, which it needs as its input.
import type { Span } from '../../parser/index.js';
import { PlanError } from '../plan-error.js';
import type { LogicalNode, LogicalNodeBase } from './logical-node.js';

export interface SuppressNode extends LogicalNodeBase {
  readonly kind: 'Suppress';
  readonly input: LogicalNode;
}

/** Takes only the query's span: the refusal comes before the source is even looked up. */
export function suppressNode(querySpan: Span): never {
  throw new PlanError('EMIT FINAL is only supported on windowed aggregations.', querySpan, 'NOT_SUPPORTED');
}
