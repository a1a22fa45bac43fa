// Builds the Query node of a SELECT: select items, FROM with joins, WINDOW, WHERE, GROUP/PARTITION BY, EMIT, LIMIT.
import type { CstNode } from 'chevrotain';
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
  WithinClause,
} from './ast.js';
import {
  type BuildContext,
  hasChild,
  identifierOf,
  nodeOf,
  nodesOf,
  optionalNodeOf,
  optionalTokenOf,
  parseErrorAt,
  spanOfNode,
  tokenOf,
} from './to-ast.js';
import { buildExpression, buildValueExpression } from './to-ast-expression.js';

export function buildQuery(node: CstNode, context: BuildContext): Query {
  const optionalExpression = (key: string): Expression | undefined => {
    const child = optionalNodeOf(node, key);
    return child === undefined ? undefined : buildExpression(child, context);
  };
  const windowNode = optionalNodeOf(node, 'windowClause');
  const emit = optionalTokenOf(node, 'emit');
  const limit = optionalTokenOf(node, 'limit');
  return {
    kind: 'Query',
    select: nodesOf(node, 'selectItem').map((item) => buildSelectItem(item, context)),
    from: buildRelation(nodeOf(node, 'relation'), context),
    window: windowNode === undefined ? undefined : buildWindow(windowNode, context),
    where: optionalExpression('where'),
    groupBy: buildGroupingList(optionalNodeOf(node, 'groupBy'), context),
    partitionBy: buildGroupingList(optionalNodeOf(node, 'partitionBy'), context),
    having: optionalExpression('having'),
    emit: emit === undefined ? undefined : emit.image.toUpperCase() === 'FINAL' ? 'FINAL' : 'CHANGES',
    limit: limit === undefined ? undefined : Number(limit.image),
    span: spanOfNode(node, context),
  };
}

function buildSelectItem(node: CstNode, context: BuildContext): SelectItem {
  const span = spanOfNode(node, context);
  const expression = optionalNodeOf(node, 'expression');
  if (expression === undefined) {
    const source = optionalNodeOf(node, 'source');
    return { kind: 'SelectAll', source: source === undefined ? undefined : identifierOf(source), span };
  }
  const alias = optionalNodeOf(node, 'alias');
  return {
    kind: 'SelectExpression',
    expression: buildExpression(expression, context),
    alias: alias === undefined ? undefined : identifierOf(nodeOf(alias, 'name')),
    span,
  };
}

function buildGroupingList(node: CstNode | undefined, context: BuildContext): readonly Expression[] | undefined {
  if (node === undefined) return undefined;
  return nodesOf(node, 'items').map((item) => buildValueExpression(item, context));
}

function buildRelation(node: CstNode, context: BuildContext): Relation {
  return {
    from: buildAliasedSource(nodeOf(node, 'aliasedSource'), context),
    joins: nodesOf(node, 'joinClause').map((join) => buildJoin(join, context)),
    span: spanOfNode(node, context),
  };
}

function buildAliasedSource(node: CstNode, context: BuildContext): AliasedSource {
  const alias = optionalNodeOf(node, 'alias');
  return {
    name: identifierOf(nodeOf(node, 'name')),
    alias: alias === undefined ? undefined : identifierOf(nodeOf(alias, 'name')),
    span: spanOfNode(node, context),
  };
}

const joinTypes: Readonly<Record<string, JoinType>> = { INNER: 'INNER', LEFT: 'LEFT', RIGHT: 'RIGHT', FULL: 'FULL' };

function buildJoin(node: CstNode, context: BuildContext): JoinClause {
  const typeToken = optionalTokenOf(node, 'joinType');
  const within = optionalNodeOf(node, 'withinClause');
  return {
    type: typeToken === undefined ? 'INNER' : (joinTypes[typeToken.image.toUpperCase()] ?? 'INNER'),
    right: buildAliasedSource(nodeOf(node, 'aliasedSource'), context),
    within: within === undefined ? undefined : buildWithin(within, context),
    on: buildExpression(nodeOf(node, 'on'), context),
    span: spanOfNode(node, context),
  };
}

function buildWithin(node: CstNode, context: BuildContext): WithinClause {
  const both = optionalNodeOf(node, 'both');
  const before = buildDuration(both ?? nodeOf(node, 'before'), context);
  const after = both === undefined ? buildDuration(nodeOf(node, 'after'), context) : before;
  const grace = optionalNodeOf(node, 'gracePeriod');
  return {
    before,
    after,
    grace: grace === undefined ? undefined : buildDuration(nodeOf(grace, 'duration'), context),
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

export function buildDuration(node: CstNode, context: BuildContext): Duration {
  const span = spanOfNode(node, context);
  const unitNode = nodeOf(node, 'unit');
  const written = identifierOf(unitNode);
  const unit = durationUnits.get(written.toUpperCase());
  if (unit === undefined) {
    throw parseErrorAt(
      spanOfNode(unitNode, context),
      `Syntax Error\nUnknown time unit: '${written}'. Expected one of DAYS, HOURS, MINUTES, SECONDS, MILLISECONDS (singular or plural).`,
    );
  }
  return { value: Number(tokenOf(node, 'IntegerLiteral').image), unit, span };
}

interface WindowOptions {
  readonly retention: Duration | undefined;
  readonly grace: Duration | undefined;
}

function buildWindow(node: CstNode, context: BuildContext): WindowExpression {
  const span = spanOfNode(node, context);
  const tumbling = optionalNodeOf(node, 'tumblingWindow');
  if (tumbling !== undefined) {
    return { kind: 'TumblingWindow', size: buildDuration(nodeOf(tumbling, 'size'), context), ...buildWindowOptions(tumbling, context), span };
  }
  const hopping = optionalNodeOf(node, 'hoppingWindow');
  if (hopping !== undefined) {
    return {
      kind: 'HoppingWindow',
      size: buildDuration(nodeOf(hopping, 'size'), context),
      advance: buildDuration(nodeOf(hopping, 'advance'), context),
      ...buildWindowOptions(hopping, context),
      span,
    };
  }
  const session = nodeOf(node, 'sessionWindow');
  return { kind: 'SessionWindow', gap: buildDuration(nodeOf(session, 'gap'), context), ...buildWindowOptions(session, context), span };
}

function buildWindowOptions(node: CstNode, context: BuildContext): WindowOptions {
  let retention: Duration | undefined;
  let grace: Duration | undefined;
  for (const option of nodesOf(node, 'windowOption')) {
    const span = spanOfNode(option, context);
    if (hasChild(option, 'retention')) {
      if (retention !== undefined) throw parseErrorAt(span, 'Syntax Error\nRETENTION is given twice in the window.');
      retention = buildDuration(nodeOf(option, 'retention'), context);
    } else {
      if (grace !== undefined) throw parseErrorAt(span, 'Syntax Error\nGRACE PERIOD is given twice in the window.');
      grace = buildDuration(nodeOf(nodeOf(option, 'gracePeriod'), 'duration'), context);
    }
  }
  return { retention, grace };
}
