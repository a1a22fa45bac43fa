// Filter (WHERE): keeps the rows whose predicate is TRUE; the schema passes through unchanged.
import type { Expression } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { compileContext, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';

export interface FilterNode extends LogicalNodeBase {
  readonly kind: 'Filter';
  readonly input: LogicalNode;
  readonly predicate: Expression;
}

export function filterNode(input: LogicalNode, predicate: Expression, typing: TypingContext): FilterNode {
  const type = compileInClause(predicate, compileContext(input.schema, typing), 'WHERE').type;
  if (type.kind !== 'BOOLEAN') {
    throw new PlanError(`Type error in WHERE expression: Should evaluate to boolean but is ${formatExpression(predicate)} (${type.kind}) instead.`, predicate.span);
  }
  return Object.freeze({ kind: 'Filter', id: undefined, schema: input.schema, keys: input.keys, input, predicate });
}
