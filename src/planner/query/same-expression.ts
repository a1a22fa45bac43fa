// Expression identity for the key rules: structural equality over one source, and qualifying
// column references the way ksqlDB prints them in messages (`ABS(INPUT.ID)`).
import type { Expression } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { rewriteExpression } from '../expression-rewriter.js';

/**
 * Structural equality of two expressions over one source, ignoring spans and qualifiers
 * (`ID` and `INPUT.ID` are the same column there).
 */
export function sameExpression(left: Expression, right: Expression): boolean {
  return JSON.stringify(left, normalised) === JSON.stringify(right, normalised);
}

/**
 * Structural equality over a join's sources: qualified column references must name the same
 * source (`L.A` is not `R.A`); an unqualified one matches its column under any qualifier.
 */
export function sameJoinExpression(left: Expression, right: Expression): boolean {
  if (left.kind === 'ColumnRef' && right.kind === 'ColumnRef') {
    return left.name === right.name && (left.source === right.source || left.source === undefined || right.source === undefined);
  }
  return JSON.stringify(left, qualified) === JSON.stringify(right, qualified);
}

function qualified(key: string, value: unknown): unknown {
  return key === 'span' ? undefined : value;
}

function normalised(key: string, value: unknown): unknown {
  if (key === 'span') return undefined;
  if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ColumnRef') {
    return { kind: 'ColumnRef', name: (value as { name: unknown }).name };
  }
  return value;
}

/** SQL text with every unqualified column reference qualified by `qualifier`. */
export function formatQualified(expression: Expression, qualifier: string): string {
  return formatExpression(
    rewriteExpression(expression, (node) => (node.kind === 'ColumnRef' && node.source === undefined ? { ...node, source: qualifier } : undefined)),
  );
}
