// Builds Statement nodes from `statement` CST nodes, one builder per statement rule.
import type { ColumnConstraint, ColumnDefinition, Properties, PropertyValue, ShowWhat, SourceType, Span, Statement } from './ast.js';
import type {
  AlterOptionCstNode,
  ColumnConstraintCstNode,
  CreateSourceCstNode,
  CreateStatementCstNode,
  DescribeStatementCstNode,
  DropStatementCstNode,
  ExplainStatementCstNode,
  InsertStatementCstNode,
  PrintStatementCstNode,
  PropertiesCstNode,
  PropertyValueCstNode,
  QueryTargetCstNode,
  ShowStatementCstNode,
  SourceTypeCstNode,
  StatementCstChildren,
  StatementCstNode,
  TableElementCstNode,
} from './cst-types.js';
import {
  type BuildContext,
  identifierOf,
  identifierToken,
  isQuotedIdentifier,
  only,
  optional,
  parseErrorAt,
  spanOfNode,
  stringValueOf,
} from './to-ast.js';
import { buildExpression } from './to-ast-expression.js';
import { buildQuery } from './to-ast-query.js';
import { buildType } from './to-ast-type.js';

/** One builder per `statement` alternative: a new alternative in grammar.ts fails to compile until handled here. */
type StatementNodes = { [Rule in keyof StatementCstChildren]-?: NonNullable<StatementCstChildren[Rule]>[number] };
type StatementBuilders = { [Rule in keyof StatementNodes]: (node: StatementNodes[Rule], context: BuildContext) => Statement };
/** StatementCstChildren restated over StatementNodes, so that TypeScript can relate a rule's child to its builder. */
type StatementChildLists = { [Rule in keyof StatementNodes]?: StatementNodes[Rule][] };

const statementBuilders: StatementBuilders = {
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
    queryId: queryIdOf(only(node.children.queryTarget)),
    span: spanOfNode(node, context),
  }),
  pauseResumeStatement: (node, context) => ({
    kind: 'PauseResume',
    action: only(node.children.action ?? []).image.toUpperCase() === 'PAUSE' ? 'PAUSE' : 'RESUME',
    queryId: queryIdOf(only(node.children.queryTarget)),
    span: spanOfNode(node, context),
  }),
  setStatement: (node, context) => ({
    kind: 'SetProperty',
    name: stringValueOf(only(node.children.name)),
    value: stringValueOf(only(node.children.value)),
    span: spanOfNode(node, context),
  }),
  unsetStatement: (node, context) => ({ kind: 'UnsetProperty', name: stringValueOf(only(node.children.name)), span: spanOfNode(node, context) }),
  defineStatement: (node, context) => ({
    kind: 'DefineVariable',
    name: identifierOf(only(node.children.name)),
    value: stringValueOf(only(node.children.value)),
    span: spanOfNode(node, context),
  }),
  undefineStatement: (node, context) => ({ kind: 'UndefineVariable', name: identifierOf(only(node.children.name)), span: spanOfNode(node, context) }),
  runScriptStatement: (node, context) => ({ kind: 'RunScript', path: stringValueOf(only(node.children.path)), span: spanOfNode(node, context) }),
  alterStatement: (node, context) => ({
    kind: 'AlterSource',
    sourceType: sourceTypeOf(only(node.children.sourceType)),
    name: identifierOf(only(node.children.name)),
    columns: node.children.alterOption.map((option) => buildColumn(option, context)),
    span: spanOfNode(node, context),
  }),
};

function buildWith<Rule extends keyof StatementCstChildren>(rule: Rule, children: StatementCstChildren, context: BuildContext): Statement | undefined {
  const builder: (node: StatementNodes[Rule], context: BuildContext) => Statement = statementBuilders[rule];
  const lists: StatementChildLists = children;
  const child = optional(lists[rule]);
  return child === undefined ? undefined : builder(child, context);
}

function isStatementRule(key: string): key is keyof StatementCstChildren {
  return key in statementBuilders;
}

export function buildStatement(node: StatementCstNode, context: BuildContext): Statement {
  const rule = Object.keys(node.children).find(isStatementRule);
  const statement = rule === undefined ? undefined : buildWith(rule, node.children, context);
  if (statement === undefined) throw new Error(`statement with unexpected children: ${Object.keys(node.children).join(', ')}`);
  return statement;
}

function sourceTypeOf(node: SourceTypeCstNode): SourceType {
  return node.children.TABLE === undefined ? 'STREAM' : 'TABLE';
}

function queryIdOf(node: QueryTargetCstNode): string | undefined {
  const queryId = optional(node.children.queryId);
  return queryId === undefined ? undefined : identifierOf(queryId);
}

function buildCreate(node: CreateStatementCstNode, context: BuildContext): Statement {
  const orReplace = node.children.orReplace !== undefined;
  const span = spanOfNode(node, context);
  const createType = optional(node.children.createType);
  if (createType === undefined) return buildCreateSource(only(node.children.createSource ?? []), orReplace, span, context);
  if (orReplace) throw parseErrorAt(span, 'Syntax Error\nCREATE OR REPLACE is not supported for types: DROP TYPE, then CREATE TYPE.');
  return {
    kind: 'CreateType',
    name: identifierOf(only(createType.children.name)),
    ifNotExists: createType.children.ifNotExists !== undefined,
    type: buildType(only(createType.children.type), context),
    span,
  };
}

function buildCreateSource(node: CreateSourceCstNode, orReplace: boolean, span: Span, context: BuildContext): Statement {
  const sourceType = sourceTypeOf(only(node.children.sourceType));
  const name = identifierOf(only(node.children.name));
  const ifNotExists = node.children.ifNotExists !== undefined;
  const isSource = node.children.isSource !== undefined;
  const properties = buildProperties(optional(node.children.properties), context);
  const elements = optional(node.children.tableElements);
  const query = optional(node.children.query);
  if (query === undefined) {
    const columns = (elements?.children.tableElement ?? []).map((element) => buildColumn(element, context));
    return { kind: 'CreateSource', sourceType, name, orReplace, ifNotExists, isSource, columns, properties, span };
  }
  if (elements !== undefined) {
    throw parseErrorAt(spanOfNode(elements, context), `Syntax Error\nCREATE ${sourceType} ... AS SELECT cannot declare columns: they come from the query.`);
  }
  if (isSource) throw parseErrorAt(span, `Syntax Error\nCREATE SOURCE ${sourceType} cannot be created AS SELECT.`);
  return { kind: 'CreateAsSelect', sourceType, name, orReplace, ifNotExists, properties, query: buildQuery(query, context), span };
}

/** A column of CREATE STREAM/TABLE, or of ALTER ... ADD COLUMN (which has no constraint). */
function buildColumn(node: TableElementCstNode | AlterOptionCstNode, context: BuildContext): ColumnDefinition {
  const constraint = 'columnConstraint' in node.children ? optional(node.children.columnConstraint) : undefined;
  return {
    name: identifierOf(only(node.children.name)),
    type: buildType(only(node.children.type), context),
    constraint: constraint === undefined ? { kind: 'None' } : buildConstraint(constraint),
    span: spanOfNode(node, context),
  };
}

function buildConstraint(node: ColumnConstraintCstNode): ColumnConstraint {
  const { primaryKey, KEY, HEADERS, headerKey } = node.children;
  if (primaryKey !== undefined) return { kind: 'PrimaryKey' };
  if (KEY !== undefined) return { kind: 'Key' };
  if (HEADERS !== undefined) return { kind: 'Headers' };
  return { kind: 'Header', key: stringValueOf(only(headerKey ?? [])) };
}

function buildProperties(node: PropertiesCstNode | undefined, context: BuildContext): Properties | undefined {
  if (node === undefined) return undefined;
  const entries = node.children.property.map((property) => ({
    name: identifierOf(only(property.children.name)).toUpperCase(),
    value: buildPropertyValue(only(property.children.propertyValue)),
    span: spanOfNode(property, context),
  }));
  return { entries, span: spanOfNode(node, context) };
}

function buildPropertyValue(node: PropertyValueCstNode): PropertyValue {
  const { StringLiteral, TRUE, FALSE, Minus, number } = node.children;
  const text = optional(StringLiteral);
  if (text !== undefined) return { kind: 'string', value: stringValueOf(text) };
  if (TRUE !== undefined) return { kind: 'boolean', value: true };
  if (FALSE !== undefined) return { kind: 'boolean', value: false };
  const digits = only(Object.values(only(number ?? []).children).flat());
  return { kind: 'number', text: (Minus === undefined ? '' : '-') + digits.image };
}

function buildInsert(node: InsertStatementCstNode, context: BuildContext): Statement {
  const { target, VALUES, columnList, values, properties, query } = node.children;
  const span = spanOfNode(node, context);
  const targetName = identifierOf(only(target));
  const targetSpan = spanOfNode(only(target), context);
  if (VALUES !== undefined) {
    return {
      kind: 'InsertValues',
      target: targetName,
      targetSpan,
      columns: (optional(columnList)?.children.columns ?? []).map(identifierOf),
      values: (values ?? []).map((value) => buildExpression(value, context)),
      span,
    };
  }
  return {
    kind: 'InsertInto',
    target: targetName,
    targetSpan,
    properties: buildProperties(optional(properties), context),
    query: buildQuery(only(query ?? []), context),
    span,
  };
}

function buildDrop(node: DropStatementCstNode, context: BuildContext): Statement {
  const { ifExists, typeName, sourceType, sourceName, deleteTopic } = node.children;
  const span = spanOfNode(node, context);
  const typeNameNode = optional(typeName);
  if (typeNameNode !== undefined) return { kind: 'DropType', name: identifierOf(typeNameNode), ifExists: ifExists !== undefined, span };
  return {
    kind: 'DropSource',
    sourceType: sourceTypeOf(only(sourceType ?? [])),
    name: identifierOf(only(sourceName ?? [])),
    ifExists: ifExists !== undefined,
    deleteTopic: deleteTopic !== undefined,
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

function buildShow(node: ShowStatementCstNode, context: BuildContext): Statement {
  const whatToken = only(node.children.what ?? []);
  const what = showTargets[whatToken.image.toUpperCase()];
  if (what === undefined) throw new Error(`SHOW of unexpected '${whatToken.image}'`);
  return { kind: 'Show', what, extended: node.children.EXTENDED !== undefined, all: node.children.ALL !== undefined, span: spanOfNode(node, context) };
}

function buildDescribe(node: DescribeStatementCstNode, context: BuildContext): Statement {
  const { functionName, what, sourceName, EXTENDED } = node.children;
  const span = spanOfNode(node, context);
  const functionNode = optional(functionName);
  if (functionNode !== undefined) return { kind: 'DescribeFunction', name: identifierOf(functionNode), span };
  const extended = EXTENDED !== undefined;
  const whatToken = optional(what);
  if (whatToken !== undefined) {
    return { kind: 'Describe', name: undefined, what: whatToken.image.toUpperCase() === 'TABLES' ? 'TABLES' : 'STREAMS', extended, span };
  }
  return { kind: 'Describe', name: identifierOf(only(sourceName ?? [])), what: undefined, extended, span };
}

function buildExplain(node: ExplainStatementCstNode, context: BuildContext): Statement {
  const span = spanOfNode(node, context);
  const statement = optional(node.children.statement);
  if (statement !== undefined) return { kind: 'Explain', statement: buildStatement(statement, context), queryId: undefined, span };
  return { kind: 'Explain', statement: undefined, queryId: identifierOf(only(node.children.queryId ?? [])), span };
}

/** Topic names are case-sensitive, so an unquoted topic name is kept exactly as written. */
function topicOf(node: PrintStatementCstNode): string {
  const quoted = optional(node.children.topic);
  if (quoted !== undefined) return stringValueOf(quoted);
  const name = only(node.children.topicName ?? []);
  const token = identifierToken(name);
  return isQuotedIdentifier(token) ? identifierOf(name) : token.image;
}

function buildPrint(node: PrintStatementCstNode, context: BuildContext): Statement {
  const interval = optional(node.children.interval);
  const limit = optional(node.children.limit);
  return {
    kind: 'Print',
    topic: topicOf(node),
    fromBeginning: node.children.BEGINNING !== undefined,
    interval: interval === undefined ? undefined : Number(interval.image),
    limit: limit === undefined ? undefined : Number(limit.image),
    span: spanOfNode(node, context),
  };
}
