// SQL text of an expression for error messages, in ksqlDB's ExpressionFormatter style: `MAP('a':=VAL1)`.
import type { Expression, TypeNode } from '../../parser/ast.js';

type Formatters = { [K in Expression['kind']]: (expression: Extract<Expression, { kind: K }>) => string };

const formatters: Formatters = {
  NullLiteral: () => 'null',
  BooleanLiteral: (node) => String(node.value),
  IntegerLiteral: (node) => node.text,
  DecimalLiteral: (node) => node.text,
  DoubleLiteral: (node) => node.text,
  StringLiteral: (node) => `'${node.value.replaceAll("'", "''")}'`,
  TypedLiteral: (node) => `${node.typeName} '${node.value.replaceAll("'", "''")}'`,
  ColumnRef: (node) => (node.source === undefined ? node.name : `${node.source}.${node.name}`),
  Dereference: (node) => `${formatExpression(node.base)}->${node.field}`,
  Subscript: (node) => `${formatExpression(node.base)}[${formatExpression(node.index)}]`,
  StructAll: (node) => `${formatExpression(node.base)}->*`,
  ArithmeticUnary: (node) => `${node.operator}${formatExpression(node.operand)}`,
  ArithmeticBinary: (node) => `(${formatExpression(node.left)} ${node.operator} ${formatExpression(node.right)})`,
  Concat: (node) => `(${formatExpression(node.left)} || ${formatExpression(node.right)})`,
  Comparison: (node) => `(${formatExpression(node.left)} ${node.operator} ${formatExpression(node.right)})`,
  IsDistinctFrom: (node) =>
    `(${formatExpression(node.left)} IS ${node.negated ? 'NOT ' : ''}DISTINCT FROM ${formatExpression(node.right)})`,
  LogicalBinary: (node) => `(${formatExpression(node.left)} ${node.operator} ${formatExpression(node.right)})`,
  Not: (node) => `(NOT ${formatExpression(node.operand)})`,
  IsNull: (node) => `(${formatExpression(node.operand)} IS ${node.negated ? 'NOT ' : ''}NULL)`,
  Between: (node) =>
    `(${formatExpression(node.value)} ${node.negated ? 'NOT ' : ''}BETWEEN ${formatExpression(node.lower)} AND ${formatExpression(node.upper)})`,
  InList: (node) => `(${formatExpression(node.value)} ${node.negated ? 'NOT ' : ''}IN (${formatList(node.list)}))`,
  Like: (node) =>
    `(${formatExpression(node.value)} ${node.negated ? 'NOT ' : ''}LIKE ${formatExpression(node.pattern)}${node.escape === undefined ? '' : ` ESCAPE '${node.escape}'`})`,
  SearchedCase: (node) =>
    `(CASE ${node.whens.map((when) => `WHEN ${formatExpression(when.condition)} THEN ${formatExpression(when.result)}`).join(' ')}${formatOtherwise(node.otherwise)} END)`,
  SimpleCase: (node) =>
    `(CASE ${formatExpression(node.operand)} ${node.whens.map((when) => `WHEN ${formatExpression(when.condition)} THEN ${formatExpression(when.result)}`).join(' ')}${formatOtherwise(node.otherwise)} END)`,
  Cast: (node) => `CAST(${formatExpression(node.operand)} AS ${formatTypeNode(node.type)})`,
  ArrayConstructor: (node) => `ARRAY[${formatList(node.elements)}]`,
  MapConstructor: (node) =>
    `MAP(${node.entries.map((entry) => `${formatExpression(entry.key)}:=${formatExpression(entry.value)}`).join(', ')})`,
  StructConstructor: (node) =>
    `STRUCT(${node.fields.map((field) => `${field.name}:=${formatExpression(field.value)}`).join(', ')})`,
  FunctionCall: (node) => `${node.name}(${node.star ? '*' : formatList(node.args)})`,
  Lambda: (node) =>
    `${node.params.length === 1 ? node.params[0]! : `(${node.params.join(', ')})`} => ${formatExpression(node.body)}`,
  LambdaVariable: (node) => node.name,
  AtTimeZone: (node) => `${formatExpression(node.value)} AT TIME ZONE '${node.zone}'`,
  IntervalUnitArg: (node) => node.unit,
};

export function formatExpression(expression: Expression): string {
  const format = formatters[expression.kind] as (node: Expression) => string;
  return format(expression);
}

function formatList(expressions: readonly Expression[]): string {
  return expressions.map(formatExpression).join(', ');
}

function formatOtherwise(otherwise: Expression | undefined): string {
  return otherwise === undefined ? '' : ` ELSE ${formatExpression(otherwise)}`;
}

function formatTypeNode(type: TypeNode): string {
  switch (type.kind) {
    case 'PrimitiveType':
      return type.name;
    case 'DecimalType':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ArrayType':
      return `ARRAY<${formatTypeNode(type.element)}>`;
    case 'MapType':
      return `MAP<${formatTypeNode(type.key)}, ${formatTypeNode(type.value)}>`;
    case 'StructType':
      return `STRUCT<${type.fields.map((field) => `${field.name} ${formatTypeNode(field.type)}`).join(', ')}>`;
    case 'CustomType':
      return type.name;
  }
}
