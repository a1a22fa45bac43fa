// Builds the Query node of a SELECT: select items, FROM with joins, WINDOW, WHERE, GROUP/PARTITION BY, EMIT, LIMIT.
import type {
  AliasedSource,
  Duration,
  Expression,
  JoinClause,
  JoinType,
  Query,
  Relation,
  SelectItem,
  TimeUnit,
  WindowExpression,
  WindowTimeZone,
  WithinClause,
} from './ast.js';
import type {
  AliasCstNode,
  AliasedSourceCstNode,
  DurationCstNode,
  ExpressionCstNode,
  GroupingListCstNode,
  HoppingWindowCstNode,
  JoinClauseCstNode,
  QueryCstNode,
  RelationCstNode,
  SelectItemCstNode,
  SessionWindowCstNode,
  TumblingWindowCstNode,
  WindowClauseCstNode,
  WithinClauseCstNode,
} from './cst-types.js';
import { type BuildContext, identifierOf, only, optional, parseErrorAt, spanOfNode, stringValueOf } from './to-ast.js';
import { buildExpression, buildValueExpression } from './to-ast-expression.js';

export function buildQuery(node: QueryCstNode, context: BuildContext): Query {
  const { selectItem, relation, windowClause, where, groupBy, partitionBy, having, emit, limit } = node.children;
  const windowNode = optional(windowClause);
  const emitToken = optional(emit);
  const limitToken = optional(limit);
  return {
    kind: 'Query',
    select: selectItem.map((item) => buildSelectItem(item, context)),
    from: buildRelation(only(relation), context),
    window: windowNode === undefined ? undefined : buildWindow(windowNode, context),
    where: buildOptionalExpression(optional(where), context),
    groupBy: buildGroupingList(optional(groupBy), context),
    partitionBy: buildGroupingList(optional(partitionBy), context),
    having: buildOptionalExpression(optional(having), context),
    emit: emitToken === undefined ? undefined : emitToken.image.toUpperCase() === 'FINAL' ? 'FINAL' : 'CHANGES',
    limit: limitToken === undefined ? undefined : Number(limitToken.image),
    span: spanOfNode(node, context),
  };
}

function buildOptionalExpression(node: ExpressionCstNode | undefined, context: BuildContext): Expression | undefined {
  return node === undefined ? undefined : buildExpression(node, context);
}

function aliasOf(alias: readonly AliasCstNode[] | undefined): string | undefined {
  const node = optional(alias);
  return node === undefined ? undefined : identifierOf(only(node.children.name));
}

function buildSelectItem(node: SelectItemCstNode, context: BuildContext): SelectItem {
  const span = spanOfNode(node, context);
  const expression = optional(node.children.expression);
  if (expression === undefined) {
    const source = optional(node.children.source);
    return { kind: 'SelectAll', source: source === undefined ? undefined : identifierOf(source), span };
  }
  return { kind: 'SelectExpression', expression: buildExpression(expression, context), alias: aliasOf(node.children.alias), span };
}

function buildGroupingList(node: GroupingListCstNode | undefined, context: BuildContext): readonly Expression[] | undefined {
  if (node === undefined) return undefined;
  return (node.children.items ?? []).map((item) => buildValueExpression(item, context));
}

function buildRelation(node: RelationCstNode, context: BuildContext): Relation {
  return {
    from: buildAliasedSource(only(node.children.aliasedSource), context),
    joins: (node.children.joinClause ?? []).map((join) => buildJoin(join, context)),
    span: spanOfNode(node, context),
  };
}

function buildAliasedSource(node: AliasedSourceCstNode, context: BuildContext): AliasedSource {
  return { name: identifierOf(only(node.children.name)), alias: aliasOf(node.children.alias), span: spanOfNode(node, context) };
}

const joinTypes: Readonly<Record<string, JoinType>> = { INNER: 'INNER', LEFT: 'LEFT', RIGHT: 'RIGHT', FULL: 'FULL' };

function buildJoin(node: JoinClauseCstNode, context: BuildContext): JoinClause {
  const typeToken = optional(node.children.joinType);
  const within = optional(node.children.withinClause);
  return {
    type: typeToken === undefined ? 'INNER' : (joinTypes[typeToken.image.toUpperCase()] ?? 'INNER'),
    right: buildAliasedSource(only(node.children.aliasedSource), context),
    within: within === undefined ? undefined : buildWithin(within, context),
    on: buildExpression(only(node.children.on), context),
    span: spanOfNode(node, context),
  };
}

function buildWithin(node: WithinClauseCstNode, context: BuildContext): WithinClause {
  const { both, before, after, gracePeriod } = node.children;
  const bothNode = optional(both);
  const beforeDuration = buildDuration(bothNode ?? only(before ?? []), context);
  const afterDuration = bothNode === undefined ? buildDuration(only(after ?? []), context) : beforeDuration;
  const grace = optional(gracePeriod);
  return {
    before: beforeDuration,
    after: afterDuration,
    grace: grace === undefined ? undefined : buildDuration(only(grace.children.duration), context),
    span: spanOfNode(node, context),
  };
}

/** Singular and plural spellings of each window unit, normalised to the plural. */
const durationUnits: ReadonlyMap<string, TimeUnit> = new Map([
  ['DAY', 'DAYS'],
  ['DAYS', 'DAYS'],
  ['HOUR', 'HOURS'],
  ['HOURS', 'HOURS'],
  ['MINUTE', 'MINUTES'],
  ['MINUTES', 'MINUTES'],
  ['SECOND', 'SECONDS'],
  ['SECONDS', 'SECONDS'],
  ['MILLISECOND', 'MILLISECONDS'],
  ['MILLISECONDS', 'MILLISECONDS'],
]);

function buildDuration(node: DurationCstNode, context: BuildContext): Duration {
  const span = spanOfNode(node, context);
  const unitNode = only(node.children.unit);
  const written = identifierOf(unitNode);
  const unit = durationUnits.get(written.toUpperCase());
  if (unit === undefined) {
    throw parseErrorAt(
      spanOfNode(unitNode, context),
      `Syntax Error\nUnknown time unit: '${written}'. Expected one of DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS (singular or plural).`,
    );
  }
  return { value: Number(only(node.children.IntegerLiteral).image), unit, span };
}

interface WindowOptions {
  readonly retention: Duration | undefined;
  readonly grace: Duration | undefined;
  readonly timeZone: WindowTimeZone | undefined;
}

function buildWindow(node: WindowClauseCstNode, context: BuildContext): WindowExpression {
  const span = spanOfNode(node, context);
  const tumbling = optional(node.children.tumblingWindow);
  if (tumbling !== undefined) {
    return { kind: 'TumblingWindow', size: buildDuration(only(tumbling.children.size), context), ...buildWindowOptions(tumbling, context), span };
  }
  const hopping = optional(node.children.hoppingWindow);
  if (hopping !== undefined) {
    return {
      kind: 'HoppingWindow',
      size: buildDuration(only(hopping.children.size), context),
      advance: buildDuration(only(hopping.children.advance), context),
      ...buildWindowOptions(hopping, context),
      span,
    };
  }
  const session = only(node.children.sessionWindow ?? []);
  return { kind: 'SessionWindow', gap: buildDuration(only(session.children.gap), context), ...buildWindowOptions(session, context), span };
}

function buildWindowOptions(node: TumblingWindowCstNode | HoppingWindowCstNode | SessionWindowCstNode, context: BuildContext): WindowOptions {
  let retention: Duration | undefined;
  let grace: Duration | undefined;
  let timeZone: WindowOptions['timeZone'];
  for (const option of node.children.windowOption ?? []) {
    const span = spanOfNode(option, context);
    const retentionNode = optional(option.children.retention);
    const zoneToken = optional(option.children.timeZone);
    if (zoneToken !== undefined) {
      if (timeZone !== undefined) throw parseErrorAt(span, 'Syntax Error\nTIME ZONE is given twice in the window.');
      timeZone = { name: stringValueOf(zoneToken), span };
    } else if (retentionNode !== undefined) {
      if (retention !== undefined) throw parseErrorAt(span, 'Syntax Error\nRETENTION is given twice in the window.');
      retention = buildDuration(retentionNode, context);
    } else {
      if (grace !== undefined) throw parseErrorAt(span, 'Syntax Error\nGRACE PERIOD is given twice in the window.');
      grace = buildDuration(only(only(option.children.gracePeriod ?? []).children.duration), context);
    }
  }
  return { retention, grace, timeZone };
}
