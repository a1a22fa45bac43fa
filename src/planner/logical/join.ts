// Join: two inputs matched on equalities: one, as ksqlDB plans it, or several (a tuple key). The
// left input is a source or an earlier join (n-way joins are left-deep); the right is a source.
// The output row is the synthetic key (when there is one), the left row, the right row, then the
// join's own ROWTIME, ROWPARTITION and ROWOFFSET, and the hidden join key columns. Columns keep
// their source qualifiers, so `L.A` still resolves after the join.
import type { Expression, JoinClause, JoinType, Span } from '../../parser/index.js';
import { checkKeyType } from '../column-rules.js';
import { durationMillis } from '../duration.js';
import { formatExpression } from '../expression/index.js';
import type { DataSource, FormatName, WindowInfo } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { REGISTRY_FORMATS } from '../source-formats.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { pseudoColumns, RowSchema, type RowColumn } from '../query/row-schema.js';
import { formatType, SqlTypes, type SqlType } from '../types.js';
import { compileContext, type KeySpec, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';
import { joinCriteria, type JoinPair } from './join-criteria.js';
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
  /** The equalities of ON, each over the left input's rows and the right's: one, or several (a tuple key). */
  readonly on: readonly JoinPair[];
  /** A side must be moved to the partition of its join key first. */
  readonly repartitionLeft: boolean;
  readonly repartitionRight: boolean;
  /** The output row starts with a synthetic key column, ROWKEY or ROWKEY_n (a FULL OUTER join, or no plain column on either side). */
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
  const on = joinCriteria(clause, left, right, sources);
  const window = joinWindow(clause, shape);
  checkWindowedSources(sources, right, clause.span);
  const keyTypes = on.map((pair) => pairType(pair, left, right, typing, clause.on.span));
  // A join on several columns is keyed by their tuple: both sides move to the tuple's partition.
  const composite = on.length > 1;
  const leftOnKey = isKeyOf(on.map((pair) => pair.left), left);
  const rightOnKey = isKeyOf(on.map((pair) => pair.right), right);
  let foreignKey = false;
  if (rightIsTable && !rightOnKey) throw cannotRepartitionTable(right.source, on.find((pair) => !isKeyOf([pair.right], right))?.right ?? on[0]!.right);
  if (shape === 'TableTable' && !leftOnKey) {
    const condition = `Got ${formatPairs(on)}.`;
    if (composite) throw new PlanError(`Invalid join condition: foreign-key table-table joins on several columns are not supported. ${condition}`, clause.on.span);
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
  if (windowed && (composite || !(leftOnKey && rightOnKey) || (formatsDiffer && !registryKeys))) {
    throw new PlanError('Implicit repartitioning of windowed sources is not supported. See https://github.com/confluentinc/ksql/issues/4385.', clause.on.span);
  }

  const syntheticKey = !foreignKey && (joinType === 'OUTER' || on.some((pair) => pair.left.kind !== 'ColumnRef' && pair.right.kind !== 'ColumnRef'));
  if (syntheticKey && composite) {
    throw new PlanError(
      `Invalid join condition: a join on several columns needs a column on one side of each equality, and cannot be a FULL OUTER join (its key would be synthetic). Got ${formatPairs(on)}.`,
      clause.on.span,
    );
  }
  const joinKeyTypes = foreignKey ? [keyTypeOf(left, typing)] : keyTypes;
  const keys = syntheticKey ? [syntheticKeySpec(syntheticKeyName([...sources, right]), clause.span)] : foreignKey ? [foreignKeySpec(left)] : on.map((pair) => joinKeySpec(left, pair, composite));
  keys.forEach((key, index) => checkKeyType(key.columnName, joinKeyTypes[index]!, clause.span));
  const schema = joinSchema(left, right, syntheticKey ? { name: keys[0]!.columnName, type: joinKeyTypes[0]! } : undefined, joinKeyTypes);
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
    on,
    repartitionLeft: !foreignKey && (!leftOnKey || registryKeys || composite),
    repartitionRight: !rightOnKey || formatsDiffer || registryKeys || composite,
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

/**
 * Whether the expressions are exactly the input's key: plain references to each of its key
 * columns (for a join, to its key's expressions).
 */
function isKeyOf(expressions: readonly Expression[], node: LogicalNode): boolean {
  if (!expressions.every((expression) => expression.kind === 'ColumnRef')) return false;
  const refs = expressions as readonly Extract<Expression, { kind: 'ColumnRef' }>[];
  if (node.kind === 'Join') {
    return (
      node.keys.length === refs.length &&
      node.keys.every((key, index) => [key.expression, ...(key.alternatives ?? [])].some((candidate) => sameColumn(candidate, refs[index]!)))
    );
  }
  const keyColumns = node.schema.columns.filter((column) => column.role === 'KEY');
  const names = new Set(refs.map((ref) => ref.name));
  return (
    keyColumns.length === refs.length &&
    names.size === refs.length &&
    refs.every((ref) => keyColumns.some((column) => column.name === ref.name && (ref.source === undefined || ref.source === column.qualifier)))
  );
}

/** The type of one equality's key; both sides must have it. */
function pairType(pair: JoinPair, left: LogicalNode, right: SourceNode, typing: TypingContext, span: Span): SqlType {
  const leftType = compileInClause(pair.left, compileContext(left.schema, typing), 'JOIN ON').type;
  const rightType = compileInClause(pair.right, compileContext(right.schema, typing), 'JOIN ON').type;
  if (formatType(leftType) !== formatType(rightType)) {
    throw new PlanError(
      `Invalid join condition: types don't match. Got ${formatExpression(pair.left)}{${typeName(leftType)}} = ${formatExpression(pair.right)}{${typeName(rightType)}}.`,
      span,
    );
  }
  return leftType;
}

function formatPairs(on: readonly JoinPair[]): string {
  return on.map((pair) => `${formatExpression(pair.left)} = ${formatExpression(pair.right)}`).join(' AND ');
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

/** The type of a table's key: its first key column's, or an earlier join's key's. */
function keyTypeOf(node: LogicalNode, typing: TypingContext): SqlType {
  if (node.kind === 'Join') return compileInClause(node.keys[0]!.expression, compileContext(node.schema, typing), 'JOIN ON').type;
  return node.schema.columns.find((column) => column.role === 'KEY')?.type ?? SqlTypes.STRING;
}

function cannotRepartitionTable(source: DataSource, expression: Expression): PlanError {
  const key = source.columns.find((column) => column.namespace === 'KEY');
  return new PlanError(
    `Cannot repartition a TABLE source. If this is a join, make sure that the criteria uses the TABLE's key column ${key?.name ?? 'ROWKEY'} instead of ${formatExpression(expression)}`,
    expression.span,
  );
}

function syntheticKeySpec(name: string, span: Span): KeySpec {
  return { expression: { kind: 'ColumnRef', source: undefined, name, span }, columnName: name, join: 'synthetic' };
}

/**
 * ksqlDB's name for a synthetic join key: ROWKEY, or when a source already has ROWKEY or
 * ROWKEY_n columns, ROWKEY_ one past the largest n (ROWKEY counting as 0).
 */
function syntheticKeyName(sources: readonly SourceNode[]): string {
  let largest = -1;
  for (const column of sources.flatMap((source) => source.source.columns)) {
    const match = /^ROWKEY(?:_(\d+))?$/.exec(column.name);
    if (match !== null) largest = Math.max(largest, match[1] === undefined ? 0 : Number(match[1]));
  }
  return largest < 0 ? 'ROWKEY' : `ROWKEY_${largest + 1}`;
}

/** A foreign-key join's results are keyed by the left table's key (an earlier join's key, which any of its columns selects). */
function foreignKeySpec(left: LogicalNode): KeySpec {
  const key = left.keys[0]!;
  return { ...key, columnName: joinColumnName(key.expression), alternatives: key.alternatives ?? [], join: 'columns' };
}

/**
 * A key column of the join: the equality's column, which the projection may select from either
 * side (or by an earlier join's key it equals, when the join has one key).
 */
function joinKeySpec(left: LogicalNode, pair: JoinPair, composite: boolean): KeySpec {
  const inherited = left.kind === 'Join' && !composite && left.keys.length === 1 ? left.keys[0] : undefined;
  const candidates = [pair.left, pair.right, ...(inherited === undefined ? [] : [inherited.expression, ...(inherited.alternatives ?? [])])].filter(
    (expression, index, all) => expression.kind === 'ColumnRef' && all.findIndex((other) => formatExpression(other) === formatExpression(expression)) === index,
  );
  return { expression: candidates[0]!, columnName: joinColumnName(candidates[0]!), alternatives: candidates.slice(1), join: 'columns' };
}

/** The join key's name: `L.A` is `L_A` (a projection names a selected `L.A` by itself, see `expandSelectItems`). */
export function joinColumnName(expression: Expression): string {
  if (expression.kind === 'ColumnRef') return expression.source === undefined ? expression.name : `${expression.source}_${expression.name}`;
  return formatExpression(expression);
}

/** The hidden last columns of a join's rows: the join key (one per key column), which the projection's key columns read. */
export const JOIN_KEY_COLUMN = 'JOIN_KEY';

function joinSchema(left: LogicalNode, right: SourceNode, syntheticKey: { name: string; type: SqlType } | undefined, keyTypes: readonly SqlType[]): RowSchema {
  // An earlier join's own unqualified columns are hidden: the outer join has its own.
  const hide = (column: RowColumn): RowColumn => (column.qualifier === undefined ? { ...column, qualifier: '' } : column);
  const asValue = (column: RowColumn): RowColumn => (column.role === 'KEY' ? { ...column, role: 'VALUE', sourceKey: true } : column);
  const pseudo = pseudoColumns(undefined);
  const key: RowColumn[] = syntheticKey === undefined ? [] : [{ ...syntheticKey, role: 'KEY', qualifier: undefined }];
  const joinKey = keyTypes.map((type): RowColumn => ({ name: JOIN_KEY_COLUMN, type, role: 'VALUE', qualifier: '' }));
  return new RowSchema([...key, ...left.schema.columns.map(hide).map(asValue), ...right.schema.columns.map(asValue), ...pseudo, ...joinKey]);
}
