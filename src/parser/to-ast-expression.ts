// Builds Expression nodes from expression CST nodes, one builder per precedence level.
import type { CstNode, IToken } from 'chevrotain';
import type { ComparisonOperator, Expression, Span, TimeUnit, WhenClause } from './ast.js';
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
  spanFrom,
  spanOfNode,
  spanOfToken,
  stringValueOf,
  tokenOf,
  tokensOf,
} from './to-ast.js';
import { buildType } from './to-ast-type.js';

const largestBigint = 2n ** 63n - 1n;

export function buildExpression(node: CstNode, context: BuildContext): Expression {
  return foldLogical(nodesOf(node, 'operands').map((operand) => buildAnd(operand, context)), 'OR');
}

function buildAnd(node: CstNode, context: BuildContext): Expression {
  return foldLogical(nodesOf(node, 'operands').map((operand) => buildNot(operand, context)), 'AND');
}

function foldLogical(operands: readonly Expression[], operator: 'AND' | 'OR'): Expression {
  const [first, ...rest] = operands;
  if (first === undefined) throw new Error(`a ${operator} expression with no operands`);
  return rest.reduce<Expression>(
    (left, right) => ({ kind: 'LogicalBinary', operator, left, right, span: spanFrom(left.span, right.span) }),
    first,
  );
}

function buildNot(node: CstNode, context: BuildContext): Expression {
  const negated = optionalNodeOf(node, 'negated');
  if (negated === undefined) return buildPredicated(nodeOf(node, 'predicated'), context);
  return { kind: 'Not', operand: buildNot(negated, context), span: spanOfNode(node, context) };
}

const comparisonOperators: Readonly<Record<string, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function buildPredicated(node: CstNode, context: BuildContext): Expression {
  const value = buildValueExpression(nodeOf(node, 'valueExpression'), context);
  const predicate = optionalNodeOf(node, 'predicate');
  if (predicate === undefined) return value;
  const span = spanFrom(value.span, spanOfNode(predicate, context));
  const negated = hasChild(predicate, 'NOT');
  const operator = optionalNodeOf(predicate, 'comparisonOperator');
  if (operator !== undefined) {
    const right = buildValueExpression(nodeOf(predicate, 'right'), context);
    const symbol = comparisonOperators[onlyToken(operator).image];
    if (symbol === undefined) throw new Error(`unknown comparison operator '${onlyToken(operator).image}'`);
    return { kind: 'Comparison', operator: symbol, left: value, right, span };
  }
  const between = optionalNodeOf(predicate, 'betweenPredicate');
  if (between !== undefined) {
    const lower = buildValueExpression(nodeOf(between, 'lower'), context);
    const upper = buildValueExpression(nodeOf(between, 'upper'), context);
    return { kind: 'Between', negated, value, lower, upper, span };
  }
  const inList = optionalNodeOf(predicate, 'inPredicate');
  if (inList !== undefined) {
    const list = nodesOf(inList, 'list').map((item) => buildExpression(item, context));
    return { kind: 'InList', negated, value, list, span };
  }
  const like = optionalNodeOf(predicate, 'likePredicate');
  if (like !== undefined) return buildLike(like, value, negated, span, context);
  return buildIs(nodeOf(predicate, 'isPredicate'), value, span, context);
}

function buildLike(node: CstNode, value: Expression, negated: boolean, span: Span, context: BuildContext): Expression {
  const pattern = buildValueExpression(nodeOf(node, 'pattern'), context);
  const escapeToken = optionalTokenOf(node, 'escape');
  const escape = escapeToken === undefined ? undefined : stringValueOf(escapeToken);
  if (escapeToken !== undefined && escape?.length !== 1) {
    throw parseErrorAt(spanOfToken(escapeToken, context), `Syntax Error\nESCAPE must be a single character, got '${escape}'.`);
  }
  return { kind: 'Like', negated, value, pattern, escape, span };
}

function buildIs(node: CstNode, value: Expression, span: Span, context: BuildContext): Expression {
  const negated = hasChild(node, 'NOT');
  const right = optionalNodeOf(node, 'right');
  if (right === undefined) return { kind: 'IsNull', negated, operand: value, span };
  return { kind: 'IsDistinctFrom', negated, left: value, right: buildValueExpression(right, context), span };
}

export function buildValueExpression(node: CstNode, context: BuildContext): Expression {
  const [first, ...rest] = nodesOf(node, 'operands').map((operand) => buildAdditive(operand, context));
  if (first === undefined) throw new Error('a value expression with no operands');
  return rest.reduce<Expression>((left, right) => ({ kind: 'Concat', left, right, span: spanFrom(left.span, right.span) }), first);
}

function buildAdditive(node: CstNode, context: BuildContext): Expression {
  const operands = nodesOf(node, 'operands').map((operand) => buildMultiplicative(operand, context));
  return foldArithmetic(operands, tokensOf(node, 'operators'));
}

function buildMultiplicative(node: CstNode, context: BuildContext): Expression {
  const operands = nodesOf(node, 'operands').map((operand) => buildUnary(operand, context));
  return foldArithmetic(operands, tokensOf(node, 'operators'));
}

type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

function isArithmeticOperator(image: string): image is ArithmeticOperator {
  return ['+', '-', '*', '/', '%'].includes(image);
}

/** Left-associative: `a - b - c` is `(a - b) - c`. */
function foldArithmetic(operands: readonly Expression[], operators: readonly IToken[]): Expression {
  const [first, ...rest] = operands;
  if (first === undefined) throw new Error('an arithmetic expression with no operands');
  return rest.reduce<Expression>((left, right, index) => {
    const image = operators[index]?.image ?? '';
    if (!isArithmeticOperator(image)) throw new Error(`unknown arithmetic operator '${image}'`);
    return { kind: 'ArithmeticBinary', operator: image, left, right, span: spanFrom(left.span, right.span) };
  }, first);
}

function buildUnary(node: CstNode, context: BuildContext): Expression {
  const operatorToken = optionalTokenOf(node, 'operator');
  if (operatorToken === undefined) return buildAtTimeZone(nodeOf(node, 'atTimeZoneExpression'), context);
  const operator = operatorToken.image === '-' ? '-' : '+';
  const operandNode = nodeOf(node, 'operand');
  const span = spanOfNode(node, context);
  const number = operator === '-' ? bareNumberToken(operandNode) : undefined;
  // A negated literal is range-checked with its sign: -9223372036854775808 is a valid BIGINT.
  const operand = number === undefined ? buildUnary(operandNode, context) : buildNumber(number, '-', context, span);
  return { kind: 'ArithmeticUnary', operator, operand, span };
}

function buildAtTimeZone(node: CstNode, context: BuildContext): Expression {
  const value = buildPostfix(nodeOf(node, 'postfixExpression'), context);
  return tokensOf(node, 'zones').reduce<Expression>(
    (base, zone) => ({ kind: 'AtTimeZone', value: base, zone: stringValueOf(zone), span: spanFrom(base.span, spanOfToken(zone, context)) }),
    value,
  );
}

function buildPostfix(node: CstNode, context: BuildContext): Expression {
  const primary = buildPrimary(nodeOf(node, 'primaryExpression'), context);
  return nodesOf(node, 'postfixOperator').reduce<Expression>((base, operator) => {
    const span = spanFrom(base.span, spanOfNode(operator, context));
    const index = optionalNodeOf(operator, 'index');
    if (index !== undefined) return { kind: 'Subscript', base, index: buildValueExpression(index, context), span };
    const field = optionalNodeOf(operator, 'field');
    if (field === undefined) return { kind: 'StructAll', base, span };
    return { kind: 'Dereference', base, field: identifierOf(field), span };
  }, primary);
}

type PrimaryBuilder = (node: CstNode, context: BuildContext) => Expression;

/** Keyed by the CST child that tells which primaryExpression alternative matched. */
const primaryBuilders: Readonly<Record<string, PrimaryBuilder>> = {
  NULL: (node, context) => ({ kind: 'NullLiteral', span: spanOfNode(node, context) }),
  TRUE: (node, context) => ({ kind: 'BooleanLiteral', value: true, span: spanOfNode(node, context) }),
  FALSE: (node, context) => ({ kind: 'BooleanLiteral', value: false, span: spanOfNode(node, context) }),
  IntegerLiteral: (node, context) => buildNumber(onlyToken(node), '+', context),
  DecimalLiteral: (node, context) => buildNumber(onlyToken(node), '+', context),
  FloatingPointLiteral: (node, context) => buildNumber(onlyToken(node), '+', context),
  StringLiteral: (node, context) => ({ kind: 'StringLiteral', value: stringValueOf(onlyToken(node)), span: spanOfNode(node, context) }),
  caseExpression: (node, context) => buildCase(nodeOf(node, 'caseExpression'), context),
  castExpression: (node, context) => buildCast(nodeOf(node, 'castExpression'), context),
  arrayConstructor: (node, context) => buildArray(nodeOf(node, 'arrayConstructor'), context),
  mapConstructor: (node, context) => buildMap(nodeOf(node, 'mapConstructor'), context),
  structConstructor: (node, context) => buildStruct(nodeOf(node, 'structConstructor'), context),
  parenthesised: (node, context) => buildExpression(nodeOf(node, 'parenthesised'), context),
  typedLiteral: (node, context) => buildTypedLiteral(nodeOf(node, 'typedLiteral'), context),
  functionCall: (node, context) => buildFunctionCall(nodeOf(node, 'functionCall'), context),
  columnReference: (node, context) => buildColumnReference(nodeOf(node, 'columnReference'), context),
};

function buildPrimary(node: CstNode, context: BuildContext): Expression {
  for (const key of Object.keys(node.children)) {
    const builder = primaryBuilders[key];
    if (builder !== undefined) return builder(node, context);
  }
  throw new Error(`primaryExpression with unexpected children: ${Object.keys(node.children).join(', ')}`);
}

/** Integer, decimal or double literal; `sign` is '-' when the literal sits under a unary minus. */
function buildNumber(token: IToken, sign: '+' | '-', context: BuildContext, signedSpan?: Span): Expression {
  const span = spanOfToken(token, context);
  const errorSpan = signedSpan ?? span;
  const text = token.image;
  const signedText = sign === '-' ? `-${text}` : text;
  switch (token.tokenType.name) {
    case 'IntegerLiteral': {
      const limit = sign === '-' ? largestBigint + 1n : largestBigint;
      if (BigInt(text) > limit) throw parseErrorAt(errorSpan, `Invalid numeric literal: ${signedText}`);
      return { kind: 'IntegerLiteral', text, span };
    }
    case 'DecimalLiteral':
      return { kind: 'DecimalLiteral', text, span };
    default:
      if (!Number.isFinite(Number(text))) throw parseErrorAt(errorSpan, `Number overflows DOUBLE: ${signedText}`);
      return { kind: 'DoubleLiteral', text, span };
  }
}

/** Which child each single-operand level descends into, and the children that make it more than a wrapper. */
const wrapperLevels: Readonly<Record<string, { readonly next: string; readonly blockers: readonly string[] }>> = {
  expression: { next: 'operands', blockers: [] },
  andExpression: { next: 'operands', blockers: [] },
  notExpression: { next: 'predicated', blockers: ['negated'] },
  predicated: { next: 'valueExpression', blockers: ['predicate'] },
  valueExpression: { next: 'operands', blockers: [] },
  additiveExpression: { next: 'operands', blockers: ['operators'] },
  multiplicativeExpression: { next: 'operands', blockers: ['operators'] },
  unaryExpression: { next: 'atTimeZoneExpression', blockers: ['operator'] },
  atTimeZoneExpression: { next: 'postfixExpression', blockers: ['zones'] },
  postfixExpression: { next: 'primaryExpression', blockers: ['postfixOperator'] },
};

/** The primaryExpression an expression CST node merely wraps, if it is nothing more than that. */
function barePrimary(node: CstNode): CstNode | undefined {
  let current = node;
  while (current.name !== 'primaryExpression') {
    const level = wrapperLevels[current.name];
    if (level === undefined || level.blockers.some((blocker) => hasChild(current, blocker))) return undefined;
    const children = nodesOf(current, level.next);
    if (children.length !== 1 || children[0] === undefined) return undefined;
    current = children[0];
  }
  return current;
}

function bareNumberToken(node: CstNode): IToken | undefined {
  const primary = barePrimary(node);
  if (primary === undefined) return undefined;
  return optionalTokenOf(primary, 'IntegerLiteral') ?? optionalTokenOf(primary, 'FloatingPointLiteral');
}

function buildCase(node: CstNode, context: BuildContext): Expression {
  const span = spanOfNode(node, context);
  const whens: WhenClause[] = nodesOf(node, 'whenClause').map((clause) => ({
    condition: buildExpression(nodeOf(clause, 'condition'), context),
    result: buildExpression(nodeOf(clause, 'result'), context),
    span: spanOfNode(clause, context),
  }));
  const otherwiseNode = optionalNodeOf(node, 'otherwise');
  const otherwise = otherwiseNode === undefined ? undefined : buildExpression(otherwiseNode, context);
  const operandNode = optionalNodeOf(node, 'operand');
  if (operandNode === undefined) return { kind: 'SearchedCase', whens, otherwise, span };
  return { kind: 'SimpleCase', operand: buildValueExpression(operandNode, context), whens, otherwise, span };
}

function buildCast(node: CstNode, context: BuildContext): Expression {
  return {
    kind: 'Cast',
    operand: buildExpression(nodeOf(node, 'expression'), context),
    type: buildType(nodeOf(node, 'type'), context),
    span: spanOfNode(node, context),
  };
}

function buildArray(node: CstNode, context: BuildContext): Expression {
  const elements = nodesOf(node, 'elements').map((element) => buildExpression(element, context));
  return { kind: 'ArrayConstructor', elements, span: spanOfNode(node, context) };
}

function buildMap(node: CstNode, context: BuildContext): Expression {
  const entries = nodesOf(node, 'entries').map((entry) => ({
    key: buildExpression(nodeOf(entry, 'key'), context),
    value: buildExpression(nodeOf(entry, 'value'), context),
  }));
  return { kind: 'MapConstructor', entries, span: spanOfNode(node, context) };
}

function buildStruct(node: CstNode, context: BuildContext): Expression {
  const fields = nodesOf(node, 'entries').map((entry) => ({
    name: identifierOf(nodeOf(entry, 'name')),
    value: buildExpression(nodeOf(entry, 'value'), context),
  }));
  return { kind: 'StructConstructor', fields, span: spanOfNode(node, context) };
}

function buildTypedLiteral(node: CstNode, context: BuildContext): Expression {
  return {
    kind: 'TypedLiteral',
    typeName: identifierOf(nodeOf(node, 'typeName')),
    value: stringValueOf(tokenOf(node, 'StringLiteral')),
    span: spanOfNode(node, context),
  };
}

function buildFunctionCall(node: CstNode, context: BuildContext): Expression {
  const name = identifierOf(nodeOf(node, 'name'));
  const star = hasChild(node, 'Star');
  const args = nodesOf(node, 'args').map((argument) => buildFunctionArgument(argument, context));
  return { kind: 'FunctionCall', name, args, star, span: spanOfNode(node, context) };
}

/**
 * Plural time units passed bare to a function (`TIMESTAMPADD(SECONDS, 5, ts)`). As in ksqlDB, the
 * singular forms stay column references there, because DAY, HOUR... may name columns.
 */
const intervalUnits: ReadonlySet<string> = new Set<TimeUnit>([
  'DAYS',
  'HOURS',
  'MINUTES',
  'SECONDS',
  'MILLISECONDS',
  'MICROSECONDS',
  'NANOSECONDS',
]);

function isTimeUnit(name: string): name is TimeUnit {
  return intervalUnits.has(name);
}

function buildFunctionArgument(node: CstNode, context: BuildContext): Expression {
  const lambda = optionalNodeOf(node, 'lambda');
  if (lambda !== undefined) return buildLambda(lambda, context);
  const expression = nodeOf(node, 'expression');
  const unitToken = bareUnitToken(expression);
  const unit = unitToken?.image.toUpperCase() ?? '';
  if (unitToken !== undefined && isTimeUnit(unit)) return { kind: 'IntervalUnitArg', unit, span: spanOfToken(unitToken, context) };
  return buildExpression(expression, context);
}

/** The token of an unquoted, unqualified name that is the whole expression, if it is one. */
function bareUnitToken(expression: CstNode): IToken | undefined {
  const primary = barePrimary(expression);
  const reference = primary === undefined ? undefined : optionalNodeOf(primary, 'columnReference');
  const parts = reference === undefined ? [] : nodesOf(reference, 'parts');
  const [only] = parts;
  if (parts.length !== 1 || only === undefined) return undefined;
  const token = onlyToken(only);
  return isQuotedIdentifier(token) ? undefined : token;
}

function buildLambda(node: CstNode, context: BuildContext): Expression {
  const params = nodesOf(node, 'params').map(identifierOf);
  const lambdaParameters = new Set([...context.lambdaParameters, ...params]);
  const body = buildExpression(nodeOf(node, 'body'), { ...context, lambdaParameters });
  return { kind: 'Lambda', params, body, span: spanOfNode(node, context) };
}

function buildColumnReference(node: CstNode, context: BuildContext): Expression {
  const span = spanOfNode(node, context);
  const [first, second] = nodesOf(node, 'parts').map(identifierOf);
  if (first === undefined) throw new Error('a column reference with no name');
  if (second !== undefined) return { kind: 'ColumnRef', source: first, name: second, span };
  if (context.lambdaParameters.has(first)) return { kind: 'LambdaVariable', name: first, span };
  return { kind: 'ColumnRef', source: undefined, name: first, span };
}
