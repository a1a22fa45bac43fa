// Lifts table function calls out of the SELECT list: each call becomes a `$TF_n` column that a
// TableFunctions node appends, and the SELECT expressions read that column instead.
import { rewriteExpression } from '../expression-rewriter.js';
import type { FunctionRegistry } from '../functions/registry.js';
import { tableFunctionColumnName, type FunctionCall } from '../logical/table-functions.js';
import type { NamedExpression } from './select-items.js';

export function liftTableFunctions(
  items: readonly NamedExpression[],
  registry: FunctionRegistry,
): { items: readonly NamedExpression[]; calls: readonly FunctionCall[] } {
  const calls: FunctionCall[] = [];
  const rewritten = items.map((item) => ({
    ...item,
    expression: rewriteExpression(item.expression, (expression) => {
      if (expression.kind !== 'FunctionCall' || registry.get(expression.name)?.type !== 'TABLE') return undefined;
      const name = tableFunctionColumnName(calls.length);
      calls.push(expression);
      return { kind: 'ColumnRef', source: undefined, name, span: expression.span };
    }),
  }));
  // Without calls the items stay as written, rather than as equal rewritten copies.
  return calls.length === 0 ? { items, calls } : { items: rewritten, calls };
}
