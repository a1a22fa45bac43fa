// The direct sub-expressions of each expression kind, for plan-time walks (never at evaluation time).
import type { Expression } from '../../parser/ast.js';

type ChildLists = { [K in Expression['kind']]: (expression: Extract<Expression, { kind: K }>) => readonly Expression[] };

const none = (): readonly Expression[] => [];

const childLists: ChildLists = {
  NullLiteral: none,
  BooleanLiteral: none,
  IntegerLiteral: none,
  DecimalLiteral: none,
  DoubleLiteral: none,
  StringLiteral: none,
  TypedLiteral: none,
  ColumnRef: none,
  LambdaVariable: none,
  IntervalUnitArg: none,
  Dereference: (node) => [node.base],
  Subscript: (node) => [node.base, node.index],
  StructAll: (node) => [node.base],
  ArithmeticUnary: (node) => [node.operand],
  ArithmeticBinary: (node) => [node.left, node.right],
  Concat: (node) => [node.left, node.right],
  Comparison: (node) => [node.left, node.right],
  IsDistinctFrom: (node) => [node.left, node.right],
  LogicalBinary: (node) => [node.left, node.right],
  Not: (node) => [node.operand],
  IsNull: (node) => [node.operand],
  Between: (node) => [node.value, node.lower, node.upper],
  InList: (node) => [node.value, ...node.list],
  Like: (node) => [node.value, node.pattern],
  SearchedCase: (node) => [
    ...node.whens.flatMap((when) => [when.condition, when.result]),
    ...(node.otherwise === undefined ? [] : [node.otherwise]),
  ],
  SimpleCase: (node) => [
    node.operand,
    ...node.whens.flatMap((when) => [when.condition, when.result]),
    ...(node.otherwise === undefined ? [] : [node.otherwise]),
  ],
  Cast: (node) => [node.operand],
  ArrayConstructor: (node) => node.elements,
  MapConstructor: (node) => node.entries.flatMap((entry) => [entry.key, entry.value]),
  StructConstructor: (node) => node.fields.map((field) => field.value),
  FunctionCall: (node) => node.args,
  Lambda: (node) => [node.body],
  AtTimeZone: (node) => [node.value],
};

function childExpressions(expression: Expression): readonly Expression[] {
  const children = childLists[expression.kind] as (node: Expression) => readonly Expression[];
  return children(expression);
}

/** True when `test` holds for the expression or any expression inside it. */
export function someExpression(expression: Expression, test: (node: Expression) => boolean): boolean {
  return test(expression) || childExpressions(expression).some((child) => someExpression(child, test));
}
