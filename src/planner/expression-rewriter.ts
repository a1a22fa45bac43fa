// Rebuilds an expression tree bottom-up with some nodes replaced: the planner's one generic
// walk over the AST (table functions lifted out of SELECT items, for instance).
import type { Expression } from '../parser/index.js';

/** `replace` returns a substitute for a node, or undefined to keep it (and rewrite its children). */
export type ExpressionReplacer = (expression: Expression) => Expression | undefined;

export function rewriteExpression(expression: Expression, replace: ExpressionReplacer): Expression {
  const substitute = replace(expression);
  if (substitute !== undefined) return substitute;
  return rewriteChildren(expression, replace) as Expression;
}

function isExpression(value: unknown): value is Expression {
  return typeof value === 'object' && value !== null && 'kind' in value && 'span' in value;
}

/** Copies a node, rewriting every expression found in its fields, arrays and nested records (WHEN clauses, MAP entries). */
function rewriteChildren(node: object, replace: ExpressionReplacer): object {
  const copy: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(node)) {
    copy[field] = rewriteValue(field, value, replace);
  }
  return copy;
}

function rewriteValue(field: string, value: unknown, replace: ExpressionReplacer): unknown {
  if (field === 'span' || field === 'type') return value;
  if (isExpression(value)) return rewriteExpression(value, replace);
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteValue('', item, replace));
  if (typeof value === 'object' && value !== null) return rewriteChildren(value, replace);
  return value;
}
