// The logical plan as EXPLAIN prints it: one line per node, its input indented below it, each
// with its step name, detail and output schema (pseudo-columns left out, as ksqlDB does).
import { formatSchema, type Column } from '../metastore.js';
import { describeNode } from './describe-node.js';
import { inputsOf, sourceOf, type LogicalNode } from './logical-node.js';
import type { SinkNode } from './sink.js';

export function explainLogicalPlan(plan: SinkNode): string {
  const qualifier = sourceOf(plan).qualifier;
  const lines: string[] = [];
  const visit = (node: LogicalNode, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}${node.id ?? node.kind} | ${describeNode(node, qualifier)} | ${formatSchema(visibleColumns(node))}`);
    for (const input of inputsOf(node)) visit(input, depth + 1);
  };
  visit(plan, 0);
  return lines.join('\n');
}

function visibleColumns(node: LogicalNode): Column[] {
  return node.schema.columns.flatMap((column): Column[] =>
    column.role === 'PSEUDO' ? [] : [{ name: column.name, type: column.type, namespace: column.role, ...(column.headerKey === undefined ? {} : { headerKey: column.headerKey }) }],
  );
}
