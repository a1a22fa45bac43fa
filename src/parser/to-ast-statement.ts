// Builds Statement nodes from `statement` CST nodes, one builder per statement rule.
import type { CstNode } from 'chevrotain';
import type {
  ColumnConstraint,
  ColumnDefinition,
  Properties,
  PropertyValue,
  ShowWhat,
  SourceType,
  Span,
  Statement,
} from './ast.js';
import {
  type BuildContext,
  hasChild,
  identifierOf,
  isQuotedIdentifier,
  nodeOf,
  nodesOf,
  onlyToken,
  optionalNodeOf,
  optionalTokenOf,
  parseErrorAt,
  spanOfNode,
  stringValueOf,
  tokenOf,
} from './to-ast.js';
import { buildExpression } from './to-ast-expression.js';
import { buildQuery } from './to-ast-query.js';
import { buildType } from './to-ast-type.js';

type StatementBuilder = (node: CstNode, context: BuildContext) => Statement;

/** Keyed by the rule that the `statement` alternative matched. */
const statementBuilders: Readonly<Record<string, StatementBuilder>> = {
  query: (node, context) => ({ kind: 'Select', query: buildQuery(node, context), span: spanOfNode(node, context) }),
  createStatement: buildCreate,
  insertStatement: buildInsert,
  dropStatement: buildDrop,
  showStatement: buildShow,
  describeStatement: buildDescribe,
  explainStatement: buildExplain,
  printStatement: buildPrint,
  terminateStatement: (node, context) => ({
    kind: 'Terminate',
    queryId: queryTargetOf(node),
    span: spanOfNode(node, context),
  }),
  pauseResumeStatement: (node, context) => ({
    kind: 'PauseResume',
    action: tokenOf(node, 'action').image.toUpperCase() === 'PAUSE' ? 'PAUSE' : 'RESUME',
    queryId: queryTargetOf(node),
    span: spanOfNode(node, context),
  }),
  setStatement: (node, context) => ({
    kind: 'SetProperty',
    name: stringValueOf(tokenOf(node, 'name')),
    value: stringValueOf(tokenOf(node, 'value')),
    span: spanOfNode(node, context),
  }),
  unsetStatement: (node, context) => ({ kind: 'UnsetProperty', name: stringValueOf(tokenOf(node, 'name')), span: spanOfNode(node, context) }),
  defineStatement: (node, context) => ({
    kind: 'DefineVariable',
    name: identifierOf(nodeOf(node, 'name')),
    value: stringValueOf(tokenOf(node, 'value')),
    span: spanOfNode(node, context),
  }),
  undefineStatement: (node, context) => ({ kind: 'UndefineVariable', name: identifierOf(nodeOf(node, 'name')), span: spanOfNode(node, context) }),
  runScriptStatement: (node, context) => ({ kind: 'RunScript', path: stringValueOf(tokenOf(node, 'path')), span: spanOfNode(node, context) }),
  alterStatement: (node, context) => ({
    kind: 'AlterSource',
    sourceType: sourceTypeOf(node),
    name: identifierOf(nodeOf(node, 'name')),
    columns: nodesOf(node, 'alterOption').map((option) => buildColumn(option, context)),
    span: spanOfNode(node, context),
  }),
};

export function buildStatement(node: CstNode, context: BuildContext): Statement {
  for (const [rule, children] of Object.entries(node.children)) {
    const builder = statementBuilders[rule];
    const child = children[0];
    if (builder !== undefined && child !== undefined && 'children' in child) return builder(child, context);
  }
  throw new Error(`statement with unexpected children: ${Object.keys(node.children).join(', ')}`);
}

function sourceTypeOf(node: CstNode): SourceType {
  return hasChild(nodeOf(node, 'sourceType'), 'TABLE') ? 'TABLE' : 'STREAM';
}

function queryTargetOf(node: CstNode): string | undefined {
  const queryId = optionalNodeOf(nodeOf(node, 'queryTarget'), 'queryId');
  return queryId === undefined ? undefined : identifierOf(queryId);
}

function buildCreate(node: CstNode, context: BuildContext): Statement {
  const orReplace = hasChild(node, 'orReplace');
  const span = spanOfNode(node, context);
  const createType = optionalNodeOf(node, 'createType');
  if (createType !== undefined) {
    if (orReplace) throw parseErrorAt(span, 'Syntax Error\nCREATE OR REPLACE is not supported for types: DROP TYPE, then CREATE TYPE.');
    return {
      kind: 'CreateType',
      name: identifierOf(nodeOf(createType, 'name')),
      ifNotExists: hasChild(createType, 'ifNotExists'),
      type: buildType(nodeOf(createType, 'type'), context),
      span,
    };
  }
  return buildCreateSource(nodeOf(node, 'createSource'), orReplace, span, context);
}

function buildCreateSource(node: CstNode, orReplace: boolean, span: Span, context: BuildContext): Statement {
  const sourceType = sourceTypeOf(node);
  const name = identifierOf(nodeOf(node, 'name'));
  const ifNotExists = hasChild(node, 'ifNotExists');
  const isSource = hasChild(node, 'isSource');
  const properties = buildProperties(optionalNodeOf(node, 'properties'), context);
  const elements = optionalNodeOf(node, 'tableElements');
  const query = optionalNodeOf(node, 'query');
  if (query === undefined) {
    const columns = elements === undefined ? [] : nodesOf(elements, 'tableElement').map((element) => buildColumn(element, context));
    return { kind: 'CreateSource', sourceType, name, orReplace, ifNotExists, isSource, columns, properties, span };
  }
  if (elements !== undefined) {
    throw parseErrorAt(spanOfNode(elements, context), `Syntax Error\nCREATE ${sourceType} ... AS SELECT cannot declare columns: they come from the query.`);
  }
  if (isSource) throw parseErrorAt(span, `Syntax Error\nCREATE SOURCE ${sourceType} cannot be created AS SELECT.`);
  return { kind: 'CreateAsSelect', sourceType, name, orReplace, ifNotExists, properties, query: buildQuery(query, context), span };
}

/** A column of CREATE STREAM/TABLE, or of ALTER ... ADD COLUMN (which has no constraint). */
function buildColumn(node: CstNode, context: BuildContext): ColumnDefinition {
  const constraint = optionalNodeOf(node, 'columnConstraint');
  return {
    name: identifierOf(nodeOf(node, 'name')),
    type: buildType(nodeOf(node, 'type'), context),
    constraint: constraint === undefined ? { kind: 'None' } : buildConstraint(constraint),
    span: spanOfNode(node, context),
  };
}

function buildConstraint(node: CstNode): ColumnConstraint {
  if (hasChild(node, 'primaryKey')) return { kind: 'PrimaryKey' };
  if (hasChild(node, 'KEY')) return { kind: 'Key' };
  if (hasChild(node, 'HEADERS')) return { kind: 'Headers' };
  return { kind: 'Header', key: stringValueOf(tokenOf(node, 'headerKey')) };
}

function buildProperties(node: CstNode | undefined, context: BuildContext): Properties | undefined {
  if (node === undefined) return undefined;
  const entries = nodesOf(node, 'property').map((property) => ({
    name: identifierOf(nodeOf(property, 'name')).toUpperCase(),
    value: buildPropertyValue(nodeOf(property, 'propertyValue')),
    span: spanOfNode(property, context),
  }));
  return { entries, span: spanOfNode(node, context) };
}

function buildPropertyValue(node: CstNode): PropertyValue {
  const text = optionalTokenOf(node, 'StringLiteral');
  if (text !== undefined) return { kind: 'string', value: stringValueOf(text) };
  if (hasChild(node, 'TRUE')) return { kind: 'boolean', value: true };
  if (hasChild(node, 'FALSE')) return { kind: 'boolean', value: false };
  const sign = hasChild(node, 'Minus') ? '-' : '';
  return { kind: 'number', text: sign + onlyToken(nodeOf(node, 'number')).image };
}

function buildInsert(node: CstNode, context: BuildContext): Statement {
  const target = identifierOf(nodeOf(node, 'target'));
  const span = spanOfNode(node, context);
  if (hasChild(node, 'VALUES')) {
    const columnList = optionalNodeOf(node, 'columnList');
    return {
      kind: 'InsertValues',
      target,
      columns: columnList === undefined ? [] : nodesOf(columnList, 'columns').map(identifierOf),
      values: nodesOf(node, 'values').map((value) => buildExpression(value, context)),
      span,
    };
  }
  return {
    kind: 'InsertInto',
    target,
    properties: buildProperties(optionalNodeOf(node, 'properties'), context),
    query: buildQuery(nodeOf(node, 'query'), context),
    span,
  };
}

function buildDrop(node: CstNode, context: BuildContext): Statement {
  const span = spanOfNode(node, context);
  const ifExists = hasChild(node, 'ifExists');
  const typeName = optionalNodeOf(node, 'typeName');
  if (typeName !== undefined) return { kind: 'DropType', name: identifierOf(typeName), ifExists, span };
  return {
    kind: 'DropSource',
    sourceType: sourceTypeOf(node),
    name: identifierOf(nodeOf(node, 'sourceName')),
    ifExists,
    deleteTopic: hasChild(node, 'deleteTopic'),
    span,
  };
}

const showTargets: Readonly<Record<string, ShowWhat>> = {
  STREAMS: 'STREAMS',
  TABLES: 'TABLES',
  QUERIES: 'QUERIES',
  TOPICS: 'TOPICS',
  PROPERTIES: 'PROPERTIES',
  FUNCTIONS: 'FUNCTIONS',
  TYPES: 'TYPES',
  VARIABLES: 'VARIABLES',
  CONNECTORS: 'CONNECTORS',
};

function buildShow(node: CstNode, context: BuildContext): Statement {
  const what = showTargets[tokenOf(node, 'what').image.toUpperCase()];
  if (what === undefined) throw new Error(`SHOW of unexpected '${tokenOf(node, 'what').image}'`);
  return { kind: 'Show', what, extended: hasChild(node, 'EXTENDED'), all: hasChild(node, 'ALL'), span: spanOfNode(node, context) };
}

function buildDescribe(node: CstNode, context: BuildContext): Statement {
  const span = spanOfNode(node, context);
  const functionName = optionalNodeOf(node, 'functionName');
  if (functionName !== undefined) return { kind: 'DescribeFunction', name: identifierOf(functionName), span };
  const extended = hasChild(node, 'EXTENDED');
  const what = optionalTokenOf(node, 'what');
  if (what !== undefined) {
    return { kind: 'Describe', name: undefined, what: what.image.toUpperCase() === 'TABLES' ? 'TABLES' : 'STREAMS', extended, span };
  }
  return { kind: 'Describe', name: identifierOf(nodeOf(node, 'sourceName')), what: undefined, extended, span };
}

function buildExplain(node: CstNode, context: BuildContext): Statement {
  const span = spanOfNode(node, context);
  const statement = optionalNodeOf(node, 'statement');
  if (statement !== undefined) return { kind: 'Explain', statement: buildStatement(statement, context), queryId: undefined, span };
  return { kind: 'Explain', statement: undefined, queryId: identifierOf(nodeOf(node, 'queryId')), span };
}

/** Topic names are case-sensitive, so an unquoted topic name is kept exactly as written. */
function topicOf(node: CstNode): string {
  const quoted = optionalTokenOf(node, 'topic');
  if (quoted !== undefined) return stringValueOf(quoted);
  const name = nodeOf(node, 'topicName');
  const token = onlyToken(name);
  return isQuotedIdentifier(token) ? identifierOf(name) : token.image;
}

function buildPrint(node: CstNode, context: BuildContext): Statement {
  const interval = optionalTokenOf(node, 'interval');
  const limit = optionalTokenOf(node, 'limit');
  return {
    kind: 'Print',
    topic: topicOf(node),
    fromBeginning: hasChild(node, 'BEGINNING'),
    interval: interval === undefined ? undefined : Number(interval.image),
    limit: limit === undefined ? undefined : Number(limit.image),
    span: spanOfNode(node, context),
  };
}
