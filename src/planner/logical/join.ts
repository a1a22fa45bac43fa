// Join: two inputs matched on one equality, as ksqlDB plans it. The left input is a source or an
// earlier join (n-way joins are left-deep); the right is a source. The output row is the synthetic
// key (when there is one), the left row, the right row, then the join's own ROWTIME, ROWPARTITION
// and ROWOFFSET. Columns keep their source qualifiers, so `L.A` still resolves after the join.
import type { Expression, JoinClause, JoinType, Span } from '../../parser/index.js';
import { checkKeyType } from '../column-rules.js';
import { durationMillis } from '../duration.js';
import { formatExpression } from '../expression/index.js';
import { rewriteExpression } from '../expression-rewriter.js';
import type { DataSource, FormatName, WindowInfo } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { REGISTRY_FORMATS } from '../source-formats.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { pseudoColumns, RowSchema, type RowColumn } from '../query/row-schema.js';
import { formatType, SqlTypes, type SqlType } from '../types.js';
import { compileContext, type KeySpec, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';
import type { SourceNode } from './source.js';

export type JoinShape = 'StreamStream' | 'StreamTable' | 'TableTable';
export type JoinKind = 'INNER' | 'LEFT' | 'RIGHT' | 'OUTER';

export interface JoinWindow {
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly graceMs: number;
  /** No GRACE PERIOD: ksqlDB's legacy `JoinWindows.of`, whose outer results are emitted eagerly. */
  readonly eager: boolean;
}

/** How a side's records are keyed: the join compares key formats (window included) before it reads a side as it is. */
export interface JoinKeyFormat {
  readonly format: FormatName;
  readonly window: WindowInfo | undefined;
}

export interface JoinNode extends LogicalNodeBase {
  readonly kind: 'Join';
  readonly left: LogicalNode;
  readonly right: SourceNode;
  readonly joinType: JoinKind;
  readonly shape: JoinShape;
  /** A table-table join on a column of the left table that references the right table's key. */
  readonly foreignKey: boolean;
  readonly window: JoinWindow | undefined;
  /** The join expression over the left input's rows, and over the right's. */
  readonly leftExpression: Expression;
  readonly rightExpression: Expression;
  /** A side must be moved to the partition of its join key first. */
  readonly repartitionLeft: boolean;
  readonly repartitionRight: boolean;
  /** The output row starts with a ROWKEY column (a FULL OUTER join, or no plain column on either side). */
  readonly syntheticKey: boolean;
  /** How the join's rows are keyed where the sides meet. */
  readonly keyFormat: JoinKeyFormat;
  readonly clause: JoinClause;
}

/** The default grace of ksqlDB's legacy join windows (`JoinWindows.of`): 24 hours. */
const LEGACY_GRACE_MS = 24 * 60 * 60 * 1000;

const JOIN_TYPES: Record<JoinType, JoinKind> = { INNER: 'INNER', LEFT: 'LEFT', RIGHT: 'RIGHT', FULL: 'OUTER' };
const JOIN_TEXT: Record<JoinKind, string> = { INNER: '[INNER] JOIN', LEFT: 'LEFT [OUTER] JOIN', RIGHT: 'RIGHT [OUTER] JOIN', OUTER: '[FULL] OUTER JOIN' };

/** Whether rows of a node are a table's (a source table, or a table-table join). */
function isTableInput(node: LogicalNode): boolean {
  if (node.kind === 'Source') return node.source.sourceType === 'TABLE';
  if (node.kind === 'Join') return node.shape === 'TableTable';
  return false;
}

/** The sources a join tree reads, leftmost first. */
export function joinSources(node: LogicalNode): SourceNode[] {
  if (node.kind === 'Source') return [node];
  if (node.kind === 'Join') return [...joinSources(node.left), node.right];
  return [];
}

export function joinNode(left: LogicalNode, right: SourceNode, clause: JoinClause, typing: TypingContext): JoinNode {
  const sources = joinSources(left);
  const leftSource = sources[sources.length - 1]!;
  const same = sources.find((source) => source.source.name === right.source.name);
  if (same !== undefined) {
    throw new PlanError(`Can not join '${same.source.name}' to '${right.source.name}': self joins are not yet supported.`, clause.span);
  }
  const kafkaValues = [...sources, right].filter((source) => source.source.valueFormat.format === 'KAFKA').map((source) => source.source.name);
  if (kafkaValues.length > 0) {
    throw new PlanError(`Source(s) ${kafkaValues.join(', ')} are using the 'KAFKA' value format. This format does not yet support JOIN.`, clause.span);
  }
  const joinType = JOIN_TYPES[clause.type];
  const leftIsTable = isTableInput(left);
  const rightIsTable = right.source.sourceType === 'TABLE';
  const leftName = left.kind === 'Source' ? left.source.name : leftSource.source.name;
  const got = `Got ${leftName} ${JOIN_TEXT[joinType]} ${right.source.name}.`;
  if (leftIsTable && !rightIsTable) {
    throw new PlanError(`Invalid join order: table-stream joins are not supported; only stream-table joins. ${got}`, clause.span);
  }
  const shape: JoinShape = leftIsTable ? 'TableTable' : rightIsTable ? 'StreamTable' : 'StreamStream';
  if (shape === 'StreamTable' && (joinType === 'OUTER' || joinType === 'RIGHT')) {
    const name = joinType === 'OUTER' ? 'full-outer' : 'right';
    throw new PlanError(`Invalid join type: ${name} join not supported for stream-table join. ${got}`, clause.span);
  }
  const { leftExpression, rightExpression } = joinCriteria(clause, left, right, typing);
  const window = joinWindow(clause, shape);
  checkWindowedSources(sources, right, clause.span);
  const leftType = compileInClause(leftExpression, compileContext(left.schema, typing), 'JOIN ON').type;
  const rightType = compileInClause(rightExpression, compileContext(right.schema, typing), 'JOIN ON').type;
  if (formatType(leftType) !== formatType(rightType)) {
    throw new PlanError(
      `Invalid join condition: types don't match. Got ${formatExpression(leftExpression)}{${typeName(leftType)}} = ${formatExpression(rightExpression)}{${typeName(rightType)}}.`,
      clause.on.span,
    );
  }
  const leftOnKey = isKeyReference(leftExpression, left);
  const rightOnKey = isKeyReference(rightExpression, right);
  let foreignKey = false;
  if (rightIsTable && !rightOnKey) throw cannotRepartitionTable(right.source, rightExpression);
  if (shape === 'TableTable' && !leftOnKey) {
    if (left.kind === 'Join') {
      throw new PlanError(
        `Invalid join condition: foreign-key table-table joins are not supported as part of n-way joins. Got ${formatExpression(leftExpression)} = ${formatExpression(rightExpression)}.`,
        clause.on.span,
      );
    }
    if (joinType === 'RIGHT' || joinType === 'OUTER') {
      throw new PlanError(`Invalid join type: ${joinType === 'OUTER' ? 'full-outer' : 'right'} join not supported for foreign-key table-table join. ${got}`, clause.span);
    }
    foreignKey = true;
  }
  const leftFormat = keyFormatOf(left);
  const rightFormat = keyFormatOf(right);
  const keyFormat = leftOnKey || !rightOnKey ? leftFormat : rightFormat;
  // ksqlDB moves both sides when the key format uses the Schema Registry, so that the records
  // that meet carry one key schema; keys read as they are must be in the same format.
  const registryKeys = !foreignKey && REGISTRY_FORMATS.has(keyFormat.format);
  const formatsDiffer = leftOnKey && rightOnKey && !sameKeyFormat(leftFormat, rightFormat);
  const windowed = [...sources, right].some((source) => source.source.window !== undefined);
  if (windowed && (!(leftOnKey && rightOnKey) || (formatsDiffer && !registryKeys))) {
    throw new PlanError('Implicit repartitioning of windowed sources is not supported. See https://github.com/confluentinc/ksql/issues/4385.', clause.on.span);
  }

  const syntheticKey = !foreignKey && (joinType === 'OUTER' || (leftExpression.kind !== 'ColumnRef' && rightExpression.kind !== 'ColumnRef'));
  const keyType = foreignKey ? keyTypeOf(left) : leftType;
  const keys = joinKeys(left, leftExpression, rightExpression, syntheticKey, foreignKey, clause.span);
  checkKeyType(keys[0]?.columnName ?? 'ROWKEY', keyType, clause.span);
  const schema = joinSchema(left, right, syntheticKey ? keyType : undefined, keyType);
  return Object.freeze({
    kind: 'Join',
    id: undefined,
    schema,
    keys,
    left,
    right,
    joinType,
    shape,
    foreignKey,
    window,
    leftExpression,
    rightExpression,
    repartitionLeft: !foreignKey && (!leftOnKey || registryKeys),
    repartitionRight: !rightOnKey || formatsDiffer || registryKeys,
    syntheticKey,
    keyFormat,
    clause,
  });
}

function typeName(type: SqlType): string {
  return type.kind === 'INTEGER' || type.kind === 'BIGINT' || type.kind === 'DOUBLE' || type.kind === 'STRING' || type.kind === 'BOOLEAN' ? type.kind : formatType(type);
}

function joinWindow(clause: JoinClause, shape: JoinShape): JoinWindow | undefined {
  const within = clause.within;
  if (shape === 'StreamStream') {
    if (within === undefined) {
      throw new PlanError(
        'Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select',
        clause.span,
      );
    }
    const beforeMs = durationMillis(within.before);
    const afterMs = durationMillis(within.after);
    if (within.grace === undefined) {
      return { beforeMs, afterMs, graceMs: Math.max(LEGACY_GRACE_MS - beforeMs - afterMs, 0), eager: true };
    }
    return { beforeMs, afterMs, graceMs: durationMillis(within.grace), eager: false };
  }
  if (within !== undefined) {
    const kind = shape === 'StreamTable' ? 'Stream-Table' : 'Table-Table';
    throw new PlanError(
      `A window definition was provided for a ${kind} join. These joins are not windowed. Please drop the window definition (ie. the WITHIN clause) and try to execute your join again.`,
      within.span,
    );
  }
  return undefined;
}

function checkWindowedSources(sources: readonly SourceNode[], right: SourceNode, span: Span): void {
  const left = sources[sources.length - 1]!;
  const leftWindow = left.source.window;
  const rightWindow = right.source.window;
  if ((leftWindow === undefined) === (rightWindow === undefined)) {
    if (leftWindow === undefined || rightWindow === undefined) return;
    const session = (window: typeof leftWindow) => window.type === 'SESSION';
    if (session(leftWindow) === session(rightWindow)) return;
    throw new PlanError(
      `Incompatible windowed sources.\nLeft source: ${leftWindow.type}\nRight source: ${rightWindow.type}\n` +
        'Session windowed sources can only be joined to other session windowed sources, and may still not result in expected behaviour as session bounds must be an exact match for the join to work\n' +
        'Hopping and tumbling windowed sources can only be joined to other hopping and tumbling windowed sources',
      span,
    );
  }
  const windowed = leftWindow !== undefined ? left : right;
  const plain = leftWindow !== undefined ? right : left;
  throw new PlanError(
    `Can not join windowed source to non-windowed source.\n\`${windowed.source.name}\` is ${windowed.source.window!.type} windowed\n\`${plain.source.name}\` is not windowed`,
    span,
  );
}

/** The two sides of `ON a = b`, each over the side whose columns it references. */
function joinCriteria(clause: JoinClause, left: LogicalNode, right: SourceNode, typing: TypingContext): { leftExpression: Expression; rightExpression: Expression } {
  const on = clause.on;
  if (on.kind !== 'Comparison' || on.operator !== '=') {
    const what = on.kind === 'LogicalBinary' && on.operator === 'AND' ? 'joins on multiple conditions are not yet supported' : 'only equality joins are supported';
    throw new PlanError(`Invalid join condition: ${what}. Got ${formatExpression(on)}.`, on.span);
  }
  const qualifiers = new Set(left.schema.columns.flatMap((column) => (column.qualifier === undefined ? [] : [column.qualifier])));
  const resolved = new Map<string, string>();
  const sideOf = (expression: Expression): 'left' | 'right' | undefined => {
    const sides = new Set<'left' | 'right'>();
    for (const ref of columnRefs(expression)) {
      if (ref.source !== undefined) {
        if (ref.source === right.qualifier) sides.add('right');
        else if (qualifiers.has(ref.source)) sides.add('left');
        else throw unknownQualifier(ref);
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
        throw new PlanError(`Exception while preparing statement: ${at(ref.span)}Column '${ref.name}' is ambiguous. Could be ${found.map((column) => `${qualifierName(column, left, right)}.${ref.name}`).join(' or ')}.`, ref.span);
      }
      sides.add(inLeft.length > 0 ? 'left' : 'right');
      resolved.set(ref.name, found[0]!.qualifier!);
    }
    return sides.size === 1 ? [...sides][0] : undefined;
  };
  // Unknown qualifiers are reported first, on either side.
  for (const ref of [...columnRefs(on.left), ...columnRefs(on.right)]) {
    if (ref.source !== undefined && ref.source !== right.qualifier && !qualifiers.has(ref.source)) throw unknownQualifier(ref);
  }
  const first = sideOf(on.left);
  const second = sideOf(on.right);
  for (const [side, expression] of [[first, on.left], [second, on.right]] as const) {
    if (side === undefined) {
      throw new PlanError(
        `Invalid comparison expression '${formatExpression(expression)}' in join '${formatExpression(on)}'. Each side of the join comparision must contain references from exactly one source.`,
        expression.span,
      );
    }
  }
  if (first === second) {
    throw new PlanError(
      `Invalid comparison expression '${formatExpression(on.right)}' in join '${formatExpression(on)}'. Each side of the join comparision must contain references from exactly one source.`,
      on.right.span,
    );
  }
  void typing;
  // Unqualified columns are qualified by their source, as ksqlDB writes join expressions in messages.
  const qualify = (expression: Expression): Expression =>
    rewriteExpression(expression, (node) => (node.kind === 'ColumnRef' && node.source === undefined ? { ...node, source: resolved.get(node.name) } : undefined));
  const [leftExpression, rightExpression] = first === 'left' ? [on.left, on.right] : [on.right, on.left];
  return { leftExpression: qualify(leftExpression), rightExpression: qualify(rightExpression) };
}

/** ksqlDB's location prefix of some messages. */
function at(span: Span): string {
  return `Line: ${span.line}, Col: ${span.column}: `;
}

function unknownQualifier(ref: Extract<Expression, { kind: 'ColumnRef' }>): PlanError {
  return new PlanError(`Failed to prepare statement: '${ref.source}' is not a valid stream/table name or alias.`, ref.span);
}

/** ksqlDB names a source by its name in ambiguity messages, not by its alias. */
function qualifierName(column: RowColumn, left: LogicalNode, right: SourceNode): string {
  const source = [...joinSources(left), right].find((node) => node.qualifier === column.qualifier);
  return source === undefined ? column.qualifier ?? '' : source.qualifier === source.source.name ? source.source.name : source.qualifier;
}

function columnRefs(expression: Expression): Extract<Expression, { kind: 'ColumnRef' }>[] {
  const refs: Extract<Expression, { kind: 'ColumnRef' }>[] = [];
  rewriteExpression(expression, (node) => {
    if (node.kind === 'ColumnRef') refs.push(node);
    return undefined;
  });
  return refs;
}

/** A plain reference to the input's only key column (for a join, its key's expressions). */
function isKeyReference(expression: Expression, node: LogicalNode): boolean {
  if (expression.kind !== 'ColumnRef') return false;
  if (node.kind === 'Join') {
    return node.keys.some((key) => [key.expression, ...(key.alternatives ?? [])].some((candidate) => sameColumn(candidate, expression)));
  }
  const keyColumns = node.schema.columns.filter((column) => column.role === 'KEY');
  return keyColumns.length === 1 && keyColumns[0]!.name === expression.name && (expression.source === undefined || expression.source === keyColumns[0]!.qualifier);
}

function sameColumn(candidate: Expression, expression: Extract<Expression, { kind: 'ColumnRef' }>): boolean {
  return candidate.kind === 'ColumnRef' && candidate.name === expression.name && (expression.source === undefined || candidate.source === expression.source);
}

function keyFormatOf(node: LogicalNode): JoinKeyFormat {
  if (node.kind === 'Join') return node.keyFormat;
  if (node.kind === 'Source') return { format: node.source.keyFormat.format, window: node.source.window };
  return { format: 'NONE', window: undefined };
}

function sameKeyFormat(left: JoinKeyFormat, right: JoinKeyFormat): boolean {
  return left.format === right.format && left.window?.type === right.window?.type && left.window?.sizeMs === right.window?.sizeMs;
}

function keyTypeOf(node: LogicalNode): SqlType {
  return node.schema.columns.find((column) => column.role === 'KEY')?.type ?? SqlTypes.STRING;
}

function cannotRepartitionTable(source: DataSource, expression: Expression): PlanError {
  const key = source.columns.find((column) => column.namespace === 'KEY');
  return new PlanError(
    `Cannot repartition a TABLE source. If this is a join, make sure that the criteria uses the TABLE's key column ${key?.name ?? 'ROWKEY'} instead of ${formatExpression(expression)}`,
    expression.span,
  );
}

/**
 * The output key: ROWKEY when synthetic; the left table's key for a foreign-key join; otherwise
 * the join expression, which the projection may select from either side.
 */
function joinKeys(left: LogicalNode, leftExpression: Expression, rightExpression: Expression, synthetic: boolean, foreignKey: boolean, span: Span): KeySpec[] {
  if (synthetic) {
    return [{ expression: { kind: 'ColumnRef', source: undefined, name: 'ROWKEY', span }, columnName: 'ROWKEY', join: 'synthetic' }];
  }
  if (foreignKey) {
    const key = left.keys[0]!;
    return [{ ...key, columnName: joinColumnName(key.expression), alternatives: [], join: 'columns' }];
  }
  const inherited = left.kind === 'Join' ? left.keys[0] : undefined;
  const candidates = [leftExpression, rightExpression, ...(inherited === undefined ? [] : [inherited.expression, ...(inherited.alternatives ?? [])])].filter(
    (expression, index, all) => expression.kind === 'ColumnRef' && all.findIndex((other) => formatExpression(other) === formatExpression(expression)) === index,
  );
  return [{ expression: candidates[0]!, columnName: joinColumnName(candidates[0]!), alternatives: candidates.slice(1), join: 'columns' }];
}

/** The join key's name: `L.A` is `L_A` (a projection names a selected `L.A` by itself, see `expandSelectItems`). */
export function joinColumnName(expression: Expression): string {
  if (expression.kind === 'ColumnRef') return expression.source === undefined ? expression.name : `${expression.source}_${expression.name}`;
  return formatExpression(expression);
}

/** A hidden last column of a join's rows: the join key, which the projection's key columns read. */
export const JOIN_KEY_COLUMN = 'JOIN_KEY';

function joinSchema(left: LogicalNode, right: SourceNode, syntheticKeyType: SqlType | undefined, keyType: SqlType): RowSchema {
  // An earlier join's own unqualified columns are hidden: the outer join has its own.
  const hide = (column: RowColumn): RowColumn => (column.qualifier === undefined ? { ...column, qualifier: '' } : column);
  const asValue = (column: RowColumn): RowColumn => (column.role === 'KEY' ? { ...column, role: 'VALUE' } : column);
  const pseudo = pseudoColumns(undefined);
  const key: RowColumn[] = syntheticKeyType === undefined ? [] : [{ name: 'ROWKEY', type: syntheticKeyType, role: 'KEY', qualifier: undefined }];
  const joinKey: RowColumn = { name: JOIN_KEY_COLUMN, type: keyType, role: 'VALUE', qualifier: '' };
  return new RowSchema([...key, ...left.schema.columns.map(hide).map(asValue), ...right.schema.columns.map(asValue), ...pseudo, joinKey]);
}
