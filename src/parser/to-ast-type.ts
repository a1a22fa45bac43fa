// Builds TypeNodes from `type` CST nodes: built-in names and their aliases, DECIMAL(p, s), ARRAY, MAP, STRUCT.
import type { CstNode, IToken } from 'chevrotain';
import type { PrimitiveTypeName, Span, TypeNode } from './ast.js';
import {
  type BuildContext,
  hasChild,
  identifierOf,
  isQuotedIdentifier,
  nodeOf,
  nodesOf,
  onlyToken,
  optionalNodeOf,
  parseErrorAt,
  spanOfNode,
  spanOfToken,
  tokensOf,
} from './to-ast.js';
import { IntegerLiteral } from './tokens.js';

/** Built-in type names, aliases included (INT is INTEGER, VARCHAR is STRING). */
const primitiveTypeNames: ReadonlyMap<string, PrimitiveTypeName> = new Map([
  ['BOOLEAN', 'BOOLEAN'],
  ['INT', 'INTEGER'],
  ['INTEGER', 'INTEGER'],
  ['BIGINT', 'BIGINT'],
  ['DOUBLE', 'DOUBLE'],
  ['STRING', 'STRING'],
  ['VARCHAR', 'STRING'],
  ['BYTES', 'BYTES'],
  ['DATE', 'DATE'],
  ['TIME', 'TIME'],
  ['TIMESTAMP', 'TIMESTAMP'],
]);

export function buildType(node: CstNode, context: BuildContext): TypeNode {
  const base = buildBaseType(nodeOf(node, 'baseType'), context);
  // `INT ARRAY ARRAY` is ARRAY<ARRAY<INT>>.
  return tokensOf(node, 'arraySuffix').reduce<TypeNode>(
    (element, suffix) => ({ kind: 'ArrayType', element, span: { ...element.span, end: spanOfToken(suffix, context).end } }),
    base,
  );
}

function buildBaseType(node: CstNode, context: BuildContext): TypeNode {
  const span = spanOfNode(node, context);
  if (hasChild(node, 'element')) return { kind: 'ArrayType', element: buildType(nodeOf(node, 'element'), context), span };
  if (hasChild(node, 'key')) {
    return { kind: 'MapType', key: buildType(nodeOf(node, 'key'), context), value: buildType(nodeOf(node, 'value'), context), span };
  }
  if (hasChild(node, 'struct')) return buildStructType(node, span, context);
  return buildNamedType(node, span);
}

function buildStructType(node: CstNode, span: Span, context: BuildContext): TypeNode {
  const fields = nodesOf(node, 'fields').map((field) => ({
    name: identifierOf(nodeOf(field, 'name')),
    type: buildType(nodeOf(field, 'type'), context),
  }));
  return { kind: 'StructType', fields, span };
}

function buildNamedType(node: CstNode, span: Span): TypeNode {
  const nameToken = onlyToken(nodeOf(node, 'name'));
  const name = identifierOf(nodeOf(node, 'name'));
  const parameters = nodesOf(node, 'parameters').map(parameterToken);
  if (isQuotedIdentifier(nameToken)) return { kind: 'CustomType', name, span };
  if (name === 'DECIMAL') return buildDecimalType(parameters, span);
  const primitive = primitiveTypeNames.get(name);
  // VARCHAR(STRING) and VARCHAR(n) are accepted for compatibility; the length is ignored.
  if (parameters.length > 0 && name !== 'VARCHAR') {
    throw parseErrorAt(span, `Syntax Error\nType ${name} does not take parameters.`);
  }
  if (primitive !== undefined) return { kind: 'PrimitiveType', name: primitive, span };
  return { kind: 'CustomType', name, span };
}

/** A type parameter is a number or a name: `DECIMAL(10, 2)`, `VARCHAR(STRING)`. */
function parameterToken(parameter: CstNode): IToken {
  const name = optionalNodeOf(parameter, 'identifier');
  return name === undefined ? onlyToken(parameter) : onlyToken(name);
}

function buildDecimalType(parameters: readonly IToken[], span: Span): TypeNode {
  const [precision, scale] = parameters;
  if (parameters.length !== 2 || precision?.tokenType !== IntegerLiteral || scale?.tokenType !== IntegerLiteral) {
    throw parseErrorAt(span, 'Syntax Error\nDECIMAL needs a precision and a scale, e.g. DECIMAL(10, 2).');
  }
  return { kind: 'DecimalType', precision: Number(precision.image), scale: Number(scale.image), span };
}
