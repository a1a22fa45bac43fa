// SQL text of an expression as ksqlDB prints it in messages: `ABS(INPUT.ID)`, `(F1 + F2)`.
import type { Expression, TypeNode } from '../parser/index.js';

/** `qualifier` is put before unqualified column names (ksqlDB prints `INPUT.ID` for `ID`). */
export function formatExpression(expression: Expression, qualifier?: string): string {
  const format = (inner: Expression): string => formatExpression(inner, qualifier);
  switch (expression.kind) {
    case 'NullLiteral':
      return 'null';
    case 'BooleanLiteral':
      return expression.value ? 'true' : 'false';
    case 'IntegerLiteral':
    case 'DecimalLiteral':
    case 'DoubleLiteral':
      return expression.text;
    case 'StringLiteral':
      return `'${expression.value.replace(/'/g, "''")}'`;
    case 'TypedLiteral':
      return `${expression.typeName} '${expression.value}'`;
    case 'ColumnRef': {
      const source = expression.source ?? qualifier;
      return source === undefined ? expression.name : `${source}.${expression.name}`;
    }
    case 'Dereference':
      return `${format(expression.base)}->${expression.field}`;
    case 'Subscript':
      return `${format(expression.base)}[${format(expression.index)}]`;
    case 'StructAll':
      return `${format(expression.base)}->*`;
    case 'ArithmeticUnary':
      return `${expression.operator}${format(expression.operand)}`;
    case 'ArithmeticBinary':
      return `(${format(expression.left)} ${expression.operator} ${format(expression.right)})`;
    case 'Concat':
      return `(${format(expression.left)} || ${format(expression.right)})`;
    case 'Comparison':
      return `(${format(expression.left)} ${expression.operator} ${format(expression.right)})`;
    case 'IsDistinctFrom':
      return `(${format(expression.left)} IS ${expression.negated ? 'NOT ' : ''}DISTINCT FROM ${format(expression.right)})`;
    case 'LogicalBinary':
      return `(${format(expression.left)} ${expression.operator} ${format(expression.right)})`;
    case 'Not':
      return `(NOT ${format(expression.operand)})`;
    case 'IsNull':
      return `(${format(expression.operand)} IS ${expression.negated ? 'NOT ' : ''}NULL)`;
    case 'Between':
      return `(${format(expression.value)} ${expression.negated ? 'NOT ' : ''}BETWEEN ${format(expression.lower)} AND ${format(expression.upper)})`;
    case 'InList':
      return `(${format(expression.value)} ${expression.negated ? 'NOT ' : ''}IN (${expression.list.map(format).join(', ')}))`;
    case 'Like':
      return `(${format(expression.value)} ${expression.negated ? 'NOT ' : ''}LIKE ${format(expression.pattern)}${expression.escape === undefined ? '' : ` ESCAPE '${expression.escape}'`})`;
    case 'SearchedCase':
      return `(CASE ${expression.whens.map((when) => `WHEN ${format(when.condition)} THEN ${format(when.result)}`).join(' ')}${expression.otherwise === undefined ? '' : ` ELSE ${format(expression.otherwise)}`} END)`;
    case 'SimpleCase':
      return `(CASE ${format(expression.operand)} ${expression.whens.map((when) => `WHEN ${format(when.condition)} THEN ${format(when.result)}`).join(' ')}${expression.otherwise === undefined ? '' : ` ELSE ${format(expression.otherwise)}`} END)`;
    case 'Cast':
      return `CAST(${format(expression.operand)} AS ${formatTypeNode(expression.type)})`;
    case 'ArrayConstructor':
      return `ARRAY[${expression.elements.map(format).join(', ')}]`;
    case 'MapConstructor':
      return `MAP(${expression.entries.map((entry) => `${format(entry.key)}:=${format(entry.value)}`).join(', ')})`;
    case 'StructConstructor':
      return `STRUCT(${expression.fields.map((field) => `${field.name}:=${format(field.value)}`).join(', ')})`;
    case 'FunctionCall':
      return `${expression.name}(${expression.star ? '*' : expression.args.map(format).join(', ')})`;
    case 'Lambda':
      return `(${expression.params.join(', ')}) => ${format(expression.body)}`;
    case 'LambdaVariable':
      return expression.name;
    case 'AtTimeZone':
      return `${format(expression.value)} AT TIME ZONE '${expression.zone}'`;
    case 'IntervalUnitArg':
      return expression.unit;
  }
}

export function formatTypeNode(type: TypeNode): string {
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

/**
 * Structural equality of two expressions over one source, ignoring spans and qualifiers
 * (`ID` and `INPUT.ID` are the same column there).
 */
export function sameExpression(left: Expression, right: Expression): boolean {
  return JSON.stringify(left, normalised) === JSON.stringify(right, normalised);
}

function normalised(key: string, value: unknown): unknown {
  if (key === 'span') return undefined;
  if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ColumnRef') {
    return { kind: 'ColumnRef', name: (value as { name: unknown }).name };
  }
  return value;
}
