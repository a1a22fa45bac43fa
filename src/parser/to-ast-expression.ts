// Builds Expression nodes from expression CST nodes, one builder per precedence level.
import type { IToken } from 'chevrotain';
import type { ComparisonOperator, Expression, Span, TimeUnit, WhenClause } from './ast.js';
import type {
  AdditiveExpressionCstNode,
  AndExpressionCstNode,
  ArrayConstructorCstNode,
  AtTimeZoneExpressionCstNode,
  CaseExpressionCstNode,
  CastExpressionCstNode,
  ColumnReferenceCstNode,
  ExpressionCstNode,
  FunctionArgumentCstNode,
  FunctionCallCstNode,
  IsPredicateCstNode,
  LambdaCstNode,
  LikePredicateCstNode,
  MapConstructorCstNode,
  MultiplicativeExpressionCstNode,
  NotExpressionCstNode,
  PostfixExpressionCstNode,
  PredicatedCstNode,
  PrimaryExpressionCstChildren,
  PrimaryExpressionCstNode,
  StructConstructorCstNode,
  TypedLiteralCstNode,
  UnaryExpressionCstNode,
  ValueExpressionCstNode,
} from './cst-types.js';
import {
  type BuildContext,
  identifierOf,
  identifierToken,
  isQuotedIdentifier,
  only,
  optional,
  parseErrorAt,
  spanFrom,
  spanOfNode,
  spanOfToken,
  stringValueOf,
} from './to-ast.js';
import { buildType } from './to-ast-type.js';

const largestBigint = 2n ** 63n - 1n;

export function buildExpression(node: ExpressionCstNode, context: BuildContext): Expression {
  return foldLogical(node.children.operands.map((operand) => buildAnd(operand, context)), 'OR');
}

function buildAnd(node: AndExpressionCstNode, context: BuildContext): Expression {
  return foldLogical(node.children.operands.map((operand) => buildNot(operand, context)), 'AND');
}

function foldLogical(operands: readonly Expression[], operator: 'AND' | 'OR'): Expression {
  return operands.reduce((left, right) => ({ kind: 'LogicalBinary', operator, left, right, span: spanFrom(left.span, right.span) }));
}

function buildNot(node: NotExpressionCstNode, context: BuildContext): Expression {
  const negated = optional(node.children.negated);
  if (negated === undefined) return buildPredicated(only(node.children.predicated ?? []), context);
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

function buildPredicated(node: PredicatedCstNode, context: BuildContext): Expression {
  const value = buildValueExpression(only(node.children.valueExpression), context);
  const predicate = optional(node.children.predicate);
  if (predicate === undefined) return value;
  const span = spanFrom(value.span, spanOfNode(predicate, context));
  const { comparisonOperator, right, NOT, betweenPredicate, inPredicate, likePredicate, isPredicate } = predicate.children;
  const negated = NOT !== undefined;
  const operator = optional(comparisonOperator);
  if (operator !== undefined) {
    const symbolToken = only(Object.values(operator.children).flat());
    const symbol = comparisonOperators[symbolToken.image];
    if (symbol === undefined) throw new Error(`unknown comparison operator '${symbolToken.image}'`);
    return { kind: 'Comparison', operator: symbol, left: value, right: buildValueExpression(only(right ?? []), context), span };
  }
  const between = optional(betweenPredicate);
  if (between !== undefined) {
    const lower = buildValueExpression(only(between.children.lower), context);
    const upper = buildValueExpression(only(between.children.upper), context);
    return { kind: 'Between', negated, value, lower, upper, span };
  }
  const inList = optional(inPredicate);
  if (inList !== undefined) {
    const list = inList.children.list.map((item) => buildExpression(item, context));
    return { kind: 'InList', negated, value, list, span };
  }
  const like = optional(likePredicate);
  if (like !== undefined) return buildLike(like, value, negated, span, context);
  return buildIs(only(isPredicate ?? []), value, span, context);
}

function buildLike(node: LikePredicateCstNode, value: Expression, negated: boolean, span: Span, context: BuildContext): Expression {
  const pattern = buildValueExpression(only(node.children.pattern), context);
  const escapeToken = optional(node.children.escape);
  const escape = escapeToken === undefined ? undefined : stringValueOf(escapeToken);
  if (escapeToken !== undefined && escape?.length !== 1) {
    throw parseErrorAt(spanOfToken(escapeToken, context), `Syntax Error\nESCAPE must be a single character, got '${escape}'.`);
  }
  return { kind: 'Like', negated, value, pattern, escape, span };
}

function buildIs(node: IsPredicateCstNode, value: Expression, span: Span, context: BuildContext): Expression {
  const negated = node.children.NOT !== undefined;
  const right = optional(node.children.right);
  if (right === undefined) return { kind: 'IsNull', negated, operand: value, span };
  return { kind: 'IsDistinctFrom', negated, left: value, right: buildValueExpression(right, context), span };
}

export function buildValueExpression(node: ValueExpressionCstNode, context: BuildContext): Expression {
  const operands = node.children.operands.map((operand) => buildAdditive(operand, context));
  return operands.reduce((left, right) => ({ kind: 'Concat', left, right, span: spanFrom(left.span, right.span) }));
}

function buildAdditive(node: AdditiveExpressionCstNode, context: BuildContext): Expression {
  const operands = node.children.operands.map((operand) => buildMultiplicative(operand, context));
  return foldArithmetic(operands, node.children.operators ?? []);
}

function buildMultiplicative(node: MultiplicativeExpressionCstNode, context: BuildContext): Expression {
  const operands = node.children.operands.map((operand) => buildUnary(operand, context));
  return foldArithmetic(operands, node.children.operators ?? []);
}

type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

function isArithmeticOperator(image: string): image is ArithmeticOperator {
  return ['+', '-', '*', '/', '%'].includes(image);
}

/** Left-associative: `a - b - c` is `(a - b) - c`. */
function foldArithmetic(operands: readonly Expression[], operators: readonly IToken[]): Expression {
  return operands.reduce((left, right, index) => {
    const image = operators[index - 1]?.image ?? '';
    if (!isArithmeticOperator(image)) throw new Error(`unknown arithmetic operator '${image}'`);
    return { kind: 'ArithmeticBinary', operator: image, left, right, span: spanFrom(left.span, right.span) };
  });
}

function buildUnary(node: UnaryExpressionCstNode, context: BuildContext): Expression {
  const operatorToken = optional(node.children.operator);
  if (operatorToken === undefined) return buildAtTimeZone(only(node.children.atTimeZoneExpression ?? []), context);
  const operator = operatorToken.image === '-' ? '-' : '+';
  const operandNode = only(node.children.operand ?? []);
  const span = spanOfNode(node, context);
  const number = operator === '-' ? bareNumberToken(operandNode) : undefined;
  // A negated literal is range-checked with its sign: -9223372036854775808 is a valid BIGINT.
  const operand = number === undefined ? buildUnary(operandNode, context) : buildNumber(number, '-', context, span);
  return { kind: 'ArithmeticUnary', operator, operand, span };
}

function buildAtTimeZone(node: AtTimeZoneExpressionCstNode, context: BuildContext): Expression {
  const value = buildPostfix(only(node.children.postfixExpression), context);
  return (node.children.zones ?? []).reduce<Expression>(
    (base, zone) => ({ kind: 'AtTimeZone', value: base, zone: stringValueOf(zone), span: spanFrom(base.span, spanOfToken(zone, context)) }),
    value,
  );
}

function buildPostfix(node: PostfixExpressionCstNode, context: BuildContext): Expression {
  const primary = buildPrimary(only(node.children.primaryExpression), context);
  return (node.children.postfixOperator ?? []).reduce<Expression>((base, operator) => {
    const span = spanFrom(base.span, spanOfNode(operator, context));
    const index = optional(operator.children.index);
    if (index !== undefined) return { kind: 'Subscript', base, index: buildValueExpression(index, context), span };
    const field = optional(operator.children.field);
    if (field === undefined) return { kind: 'StructAll', base, span };
    return { kind: 'Dereference', base, field: identifierOf(field), span };
  }, primary);
}

type PrimaryBuilder = (children: PrimaryExpressionCstChildren, span: Span, context: BuildContext) => Expression;

/** Keyed by the CST child that tells which primaryExpression alternative matched. */
const primaryBuilders: Readonly<Partial<Record<keyof PrimaryExpressionCstChildren, PrimaryBuilder>>> = {
  NULL: (_children, span) => ({ kind: 'NullLiteral', span }),
  TRUE: (_children, span) => ({ kind: 'BooleanLiteral', value: true, span }),
  FALSE: (_children, span) => ({ kind: 'BooleanLiteral', value: false, span }),
  IntegerLiteral: (children, _span, context) => buildLiteral(only(children.IntegerLiteral ?? []), context),
  DecimalLiteral: (children, _span, context) => buildLiteral(only(children.DecimalLiteral ?? []), context),
  FloatingPointLiteral: (children, _span, context) => buildLiteral(only(children.FloatingPointLiteral ?? []), context),
  StringLiteral: (children, _span, context) => buildLiteral(only(children.StringLiteral ?? []), context),
  caseExpression: (children, _span, context) => buildCase(only(children.caseExpression ?? []), context),
  castExpression: (children, _span, context) => buildCast(only(children.castExpression ?? []), context),
  arrayConstructor: (children, _span, context) => buildArray(only(children.arrayConstructor ?? []), context),
  mapConstructor: (children, _span, context) => buildMap(only(children.mapConstructor ?? []), context),
  structConstructor: (children, _span, context) => buildStruct(only(children.structConstructor ?? []), context),
  parenthesised: (children, _span, context) => buildExpression(only(children.parenthesised ?? []), context),
  typedLiteral: (children, _span, context) => buildTypedLiteral(only(children.typedLiteral ?? []), context),
  functionCall: (children, _span, context) => buildFunctionCall(only(children.functionCall ?? []), context),
  columnReference: (children, _span, context) => buildColumnReference(only(children.columnReference ?? []), context),
};

function isPrimaryAlternative(key: string): key is keyof typeof primaryBuilders {
  return key in primaryBuilders;
}

function buildPrimary(node: PrimaryExpressionCstNode, context: BuildContext): Expression {
  const alternative = Object.keys(node.children).find(isPrimaryAlternative);
  const builder = alternative === undefined ? undefined : primaryBuilders[alternative];
  if (builder === undefined) throw new Error(`primaryExpression with unexpected children: ${Object.keys(node.children).join(', ')}`);
  return builder(node.children, spanOfNode(node, context), context);
}

/**
 * The expression of a string, integer, decimal or double literal token standing on its own (the
 * statement cache rebuilds literal expressions with it). Throws ParseError for a number out of range.
 */
export function buildLiteral(token: IToken, context: BuildContext): Expression {
  if (token.tokenType.name === 'StringLiteral') return { kind: 'StringLiteral', value: stringValueOf(token), span: spanOfToken(token, context) };
  return buildNumber(token, '+', context);
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

/** The element of a list that holds exactly one. */
function sole<Item>(items: readonly Item[] | undefined): Item | undefined {
  return items?.length === 1 ? items[0] : undefined;
}

/** The primaryExpression an expression merely wraps (no operator, predicate or postfix), if it does. */
function barePrimaryOfExpression(node: ExpressionCstNode): PrimaryExpressionCstNode | undefined {
  const not = sole(sole(node.children.operands)?.children.operands);
  if (not === undefined || not.children.negated !== undefined) return undefined;
  const predicated = sole(not.children.predicated);
  if (predicated === undefined || predicated.children.predicate !== undefined) return undefined;
  const additive = sole(sole(predicated.children.valueExpression)?.children.operands);
  const unary = sole(sole(additive?.children.operands)?.children.operands);
  return unary === undefined ? undefined : barePrimaryOfUnary(unary);
}

function barePrimaryOfUnary(node: UnaryExpressionCstNode): PrimaryExpressionCstNode | undefined {
  const atTimeZone = sole(node.children.atTimeZoneExpression);
  if (atTimeZone === undefined || atTimeZone.children.zones !== undefined) return undefined;
  const postfix = sole(atTimeZone.children.postfixExpression);
  if (postfix === undefined || postfix.children.postfixOperator !== undefined) return undefined;
  return sole(postfix.children.primaryExpression);
}

function bareNumberToken(node: UnaryExpressionCstNode): IToken | undefined {
  const children = barePrimaryOfUnary(node)?.children;
  return optional(children?.IntegerLiteral) ?? optional(children?.FloatingPointLiteral);
}

function buildCase(node: CaseExpressionCstNode, context: BuildContext): Expression {
  const span = spanOfNode(node, context);
  const whens: WhenClause[] = node.children.whenClause.map((clause) => ({
    condition: buildExpression(only(clause.children.condition), context),
    result: buildExpression(only(clause.children.result), context),
    span: spanOfNode(clause, context),
  }));
  const otherwiseNode = optional(node.children.otherwise);
  const otherwise = otherwiseNode === undefined ? undefined : buildExpression(otherwiseNode, context);
  const operandNode = optional(node.children.operand);
  if (operandNode === undefined) return { kind: 'SearchedCase', whens, otherwise, span };
  return { kind: 'SimpleCase', operand: buildValueExpression(operandNode, context), whens, otherwise, span };
}

function buildCast(node: CastExpressionCstNode, context: BuildContext): Expression {
  return {
    kind: 'Cast',
    operand: buildExpression(only(node.children.expression), context),
    type: buildType(only(node.children.type), context),
    span: spanOfNode(node, context),
  };
}

function buildArray(node: ArrayConstructorCstNode, context: BuildContext): Expression {
  const elements = (node.children.elements ?? []).map((element) => buildExpression(element, context));
  return { kind: 'ArrayConstructor', elements, span: spanOfNode(node, context) };
}

function buildMap(node: MapConstructorCstNode, context: BuildContext): Expression {
  const entries = (node.children.entries ?? []).map((entry) => ({
    key: buildExpression(only(entry.children.key), context),
    value: buildExpression(only(entry.children.value), context),
  }));
  return { kind: 'MapConstructor', entries, span: spanOfNode(node, context) };
}

function buildStruct(node: StructConstructorCstNode, context: BuildContext): Expression {
  const fields = (node.children.entries ?? []).map((entry) => ({
    name: identifierOf(only(entry.children.name)),
    value: buildExpression(only(entry.children.value), context),
  }));
  return { kind: 'StructConstructor', fields, span: spanOfNode(node, context) };
}

function buildTypedLiteral(node: TypedLiteralCstNode, context: BuildContext): Expression {
  return {
    kind: 'TypedLiteral',
    typeName: identifierOf(only(node.children.typeName)),
    value: stringValueOf(only(node.children.StringLiteral)),
    span: spanOfNode(node, context),
  };
}

function buildFunctionCall(node: FunctionCallCstNode, context: BuildContext): Expression {
  const name = identifierOf(only(node.children.name));
  const star = node.children.Star !== undefined;
  const args = (node.children.args ?? []).map((argument) => buildFunctionArgument(argument, context));
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

function buildFunctionArgument(node: FunctionArgumentCstNode, context: BuildContext): Expression {
  const lambda = optional(node.children.lambda);
  if (lambda !== undefined) return buildLambda(lambda, context);
  const expression = only(node.children.expression ?? []);
  const unitToken = bareUnitToken(expression);
  const unit = unitToken?.image.toUpperCase() ?? '';
  if (unitToken !== undefined && isTimeUnit(unit)) return { kind: 'IntervalUnitArg', unit, span: spanOfToken(unitToken, context) };
  return buildExpression(expression, context);
}

/** The token of an unquoted, unqualified name that is the whole expression, if it is one. */
function bareUnitToken(expression: ExpressionCstNode): IToken | undefined {
  const reference = optional(barePrimaryOfExpression(expression)?.children.columnReference);
  const name = sole(reference?.children.parts);
  const token = name === undefined ? undefined : identifierToken(name);
  return token === undefined || isQuotedIdentifier(token) ? undefined : token;
}

function buildLambda(node: LambdaCstNode, context: BuildContext): Expression {
  const params = (node.children.params ?? []).map(identifierOf);
  const lambdaParameters = new Set([...context.lambdaParameters, ...params]);
  const body = buildExpression(only(node.children.body), { ...context, lambdaParameters });
  return { kind: 'Lambda', params, body, span: spanOfNode(node, context) };
}

function buildColumnReference(node: ColumnReferenceCstNode, context: BuildContext): Expression {
  const span = spanOfNode(node, context);
  const [first, second] = node.children.parts.map(identifierOf);
  if (first === undefined) throw new Error('a column reference with no name');
  if (second !== undefined) return { kind: 'ColumnRef', source: first, name: second, span };
  if (context.lambdaParameters.has(first)) return { kind: 'LambdaVariable', name: first, span };
  return { kind: 'ColumnRef', source: undefined, name: first, span };
}
