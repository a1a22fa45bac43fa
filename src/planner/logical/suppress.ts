// Suppress (EMIT FINAL): a windowed aggregation emits each window once, with its final result,
// when stream time passes the window's end plus its grace period; until then it stays in the store.
import type { Span } from '../../parser/index.js';
import { PlanError } from '../plan-error.js';
import type { AggregateNode } from './aggregate.js';
import type { LogicalNode, LogicalNodeBase } from './logical-node.js';

export interface SuppressNode extends LogicalNodeBase {
  readonly kind: 'Suppress';
  readonly input: AggregateNode;
}

export function suppressNode(input: LogicalNode, querySpan: Span): SuppressNode {
  if (input.kind !== 'Aggregate' || input.window === undefined) {
    throw new PlanError('EMIT FINAL is only supported for windowed aggregations.', querySpan);
  }
  if (input.window.kind === 'SESSION') {
    throw new PlanError('EMIT FINAL on SESSION windows is not supported yet.', querySpan, 'NOT_SUPPORTED');
  }
  return Object.freeze({ kind: 'Suppress', id: undefined, schema: input.schema, keys: input.keys, input });
}
