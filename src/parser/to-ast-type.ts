// Builds TypeNodes from `type` CST nodes: built-in names and their aliases, DECIMAL(p, s), ARRAY, MAP, STRUCT.
import type { IToken } from 'chevrotain';
import type { PrimitiveTypeName, Span, TypeNode } from './ast.js';
import type { BaseTypeCstNode, IdentifierCstNode, TypeCstNode, TypeParameterCstNode } from './cst-types.js';
import {
  type BuildContext,
  identifierOf,
  identifierToken,
  isQuotedIdentifier,
  only,
  optional,
  parseErrorAt,
  spanOfNode,
  spanOfToken,
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

export function buildType(node: TypeCstNode, context: BuildContext): TypeNode {
  const base = buildBaseType(only(node.children.baseType), context);
  // `INT ARRAY ARRAY` is ARRAY<ARRAY<INT>>.
  return (node.children.arraySuffix ?? []).reduce<TypeNode>(
    (element, suffix) => ({ kind: 'ArrayType', element, span: { ...element.span, end: spanOfToken(suffix, context).end } }),
    base,
  );
}

function buildBaseType(node: BaseTypeCstNode, context: BuildContext): TypeNode {
  const span = spanOfNode(node, context);
  const { element, key, value, struct, fields, name, parameters } = node.children;
  const elementType = optional(element);
  if (elementType !== undefined) return { kind: 'ArrayType', element: buildType(elementType, context), span };
  const keyType = optional(key);
  if (keyType !== undefined) return { kind: 'MapType', key: buildType(keyType, context), value: buildType(only(value ?? []), context), span };
  if (struct !== undefined) {
    const structFields = (fields ?? []).map((field) => ({
      name: identifierOf(only(field.children.name)),
      type: buildType(only(field.children.type), context),
    }));
    return { kind: 'StructType', fields: structFields, span };
  }
  return buildNamedType(only(name ?? []), (parameters ?? []).map(parameterToken), span);
}

function buildNamedType(nameNode: IdentifierCstNode, parameters: readonly IToken[], span: Span): TypeNode {
  const name = identifierOf(nameNode);
  if (isQuotedIdentifier(identifierToken(nameNode))) return { kind: 'CustomType', name, span };
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
function parameterToken(parameter: TypeParameterCstNode): IToken {
  const name = optional(parameter.children.identifier);
  return name === undefined ? only(parameter.children.IntegerLiteral ?? []) : identifierToken(name);
}

function buildDecimalType(parameters: readonly IToken[], span: Span): TypeNode {
  const [precision, scale] = parameters;
  if (parameters.length !== 2 || precision?.tokenType !== IntegerLiteral || scale?.tokenType !== IntegerLiteral) {
    throw parseErrorAt(span, 'Syntax Error\nDECIMAL needs a precision and a scale, e.g. DECIMAL(10, 2).');
  }
  return { kind: 'DecimalType', precision: Number(precision.image), scale: Number(scale.image), span };
}
