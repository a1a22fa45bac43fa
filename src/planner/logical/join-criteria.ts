// A join's ON clause read as equalities between its two inputs: `a = b`, or, beyond ksqlDB,
// `a.x = b.x AND a.y = b.y` (a join on several columns, whose key is the tuple). Each equality's
// sides are put in (left input, right input) order and their unqualified columns qualified.
import type { Expression, JoinClause, Span } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { rewriteExpression } from '../expression-rewriter.js';
import { PlanError } from '../plan-error.js';
import type { RowColumn } from '../query/row-schema.js';
import type { LogicalNode } from './logical-node.js';
import type { SourceNode } from './source.js';

/** One equality of the ON clause: an expression over the left input's rows, and one over the right's. */
export interface JoinPair {
  readonly left: Expression;
  readonly right: Expression;
}

type ColumnRef = Extract<Expression, { kind: 'ColumnRef' }>;

/** `sources`: the sources the left input reads, for ambiguity messages. */
export function joinCriteria(clause: JoinClause, left: LogicalNode, right: SourceNode, sources: readonly SourceNode[]): JoinPair[] {
  const on = clause.on;
  const equalities = conjuncts(on);
  for (const equality of equalities) {
    if (equality.kind !== 'Comparison' || equality.operator !== '=') {
      throw new PlanError(`Invalid join condition: only equality joins are supported. Got ${formatExpression(on)}.`, equality.span);
    }
  }
  const qualifiers = new Set(left.schema.columns.flatMap((column) => (column.qualifier === undefined ? [] : [column.qualifier])));
  // Unknown qualifiers are reported first, anywhere in the clause.
  for (const ref of columnRefs(on)) {
    if (ref.source !== undefined && ref.source !== right.qualifier && !qualifiers.has(ref.source)) throw unknownQualifier(ref);
  }
  const pairs = equalities.map((equality) => orderedPair(equality as Extract<Expression, { kind: 'Comparison' }>, on, left, right, sources));
  // A repeated equality adds nothing to the key.
  const texts = pairs.map((pair) => `${formatExpression(pair.left)} = ${formatExpression(pair.right)}`);
  return pairs.filter((_, index) => texts.indexOf(texts[index]!) === index);
}

function conjuncts(expression: Expression): Expression[] {
  if (expression.kind === 'LogicalBinary' && expression.operator === 'AND') return [...conjuncts(expression.left), ...conjuncts(expression.right)];
  return [expression];
}

function orderedPair(
  equality: Extract<Expression, { kind: 'Comparison' }>,
  on: Expression,
  left: LogicalNode,
  right: SourceNode,
  sources: readonly SourceNode[],
): JoinPair {
  const resolved = new Map<string, string>();
  const sideOf = (expression: Expression): 'left' | 'right' | undefined => {
    const sides = new Set<'left' | 'right'>();
    for (const ref of columnRefs(expression)) {
      if (ref.source !== undefined) {
        sides.add(ref.source === right.qualifier ? 'right' : 'left');
        const schema = ref.source === right.qualifier ? right.schema : left.schema;
        if (schema.indexOf(ref.name, ref.source) < 0) {
          throw new PlanError(`${at(ref.span)}JOIN ON column '${ref.source}.${ref.name}' cannot be resolved.`, ref.span);
        }
        continue;
      }
      const inLeft = left.schema.columns.filter((column) => column.name === ref.name && column.qualifier !== undefined);
      const inRight = right.schema.columns.filter((column) => column.name === ref.name);
      const found = [...inLeft, ...inRight];
      if (found.length === 0) throw new PlanError(`${at(ref.span)}JOIN ON column '${ref.name}' cannot be resolved.`, ref.span);
      if (found.length > 1) {
        const names = found.map((column) => `${qualifierName(column, sources, right)}.${ref.name}`).join(' or ');
        throw new PlanError(`Exception while preparing statement: ${at(ref.span)}Column '${ref.name}' is ambiguous. Could be ${names}.`, ref.span);
      }
      sides.add(inLeft.length > 0 ? 'left' : 'right');
      resolved.set(ref.name, found[0]!.qualifier!);
    }
    return sides.size === 1 ? [...sides][0] : undefined;
  };
  const first = sideOf(equality.left);
  const second = sideOf(equality.right);
  for (const [side, expression] of [[first, equality.left], [second, equality.right]] as const) {
    if (side === undefined) throw notOneSource(expression, on);
  }
  if (first === second) throw notOneSource(equality.right, on);
  // Unqualified columns are qualified by their source, as ksqlDB writes join expressions in messages.
  const qualify = (expression: Expression): Expression =>
    rewriteExpression(expression, (node) => (node.kind === 'ColumnRef' && node.source === undefined ? { ...node, source: resolved.get(node.name) } : undefined));
  const [leftExpression, rightExpression] = first === 'left' ? [equality.left, equality.right] : [equality.right, equality.left];
  return { left: qualify(leftExpression), right: qualify(rightExpression) };
}

function notOneSource(expression: Expression, on: Expression): PlanError {
  return new PlanError(
    `Invalid comparison expression '${formatExpression(expression)}' in join '${formatExpression(on)}'. Each side of the join comparision must contain references from exactly one source.`,
    expression.span,
  );
}

/** ksqlDB's location prefix of some messages. */
function at(span: Span): string {
  return `Line: ${span.line}, Col: ${span.column}: `;
}

function unknownQualifier(ref: ColumnRef): PlanError {
  return new PlanError(`Failed to prepare statement: '${ref.source}' is not a valid stream/table name or alias.`, ref.span);
}

/** ksqlDB names a source by its name in ambiguity messages, not by its alias. */
function qualifierName(column: RowColumn, sources: readonly SourceNode[], right: SourceNode): string {
  const source = [...sources, right].find((node) => node.qualifier === column.qualifier);
  return source === undefined ? column.qualifier ?? '' : source.qualifier === source.source.name ? source.source.name : source.qualifier;
}

export function columnRefs(expression: Expression): ColumnRef[] {
  const refs: ColumnRef[] = [];
  rewriteExpression(expression, (node) => {
    if (node.kind === 'ColumnRef') refs.push(node);
    return undefined;
  });
  return refs;
}
