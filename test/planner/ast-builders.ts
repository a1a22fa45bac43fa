// Small AST builders for planner tests, so they do not depend on the parser.
import type { ComparisonOperator, Expression, Span, TypeNode } from '../../src/parser/ast.js';
import type { ColumnScope, CompileContext } from '../../src/planner/expression/index.js';
import { FunctionRegistry } from '../../src/planner/functions/registry.js';
import { PlanError } from '../../src/planner/plan-error.js';
import { SqlTypes, type SqlType } from '../../src/planner/types.js';

export const span: Span = { start: 0, end: 1, line: 1, column: 1 };
export const spanAt = (line: number, column: number): Span => ({ start: column - 1, end: column + 2, line, column });

export const col = (name: string, source?: string, at: Span = span): Expression => ({ kind: 'ColumnRef', source, name, span: at });
export const int = (text: string): Expression => ({ kind: 'IntegerLiteral', text, span });
export const dec = (text: string): Expression => ({ kind: 'DecimalLiteral', text, span });
export const dbl = (text: string): Expression => ({ kind: 'DoubleLiteral', text, span });
export const str = (value: string): Expression => ({ kind: 'StringLiteral', value, span });
export const bool = (value: boolean): Expression => ({ kind: 'BooleanLiteral', value, span });
export const nul = (): Expression => ({ kind: 'NullLiteral', span });
export const typed = (typeName: string, value: string): Expression => ({ kind: 'TypedLiteral', typeName, value, span });
export const neg = (operand: Expression): Expression => ({ kind: 'ArithmeticUnary', operator: '-', operand, span });
export const arith = (left: Expression, operator: '+' | '-' | '*' | '/' | '%', right: Expression): Expression => ({
  kind: 'ArithmeticBinary',
  operator,
  left,
  right,
  span,
});
export const concat = (left: Expression, right: Expression): Expression => ({ kind: 'Concat', left, right, span });
export const cmp = (left: Expression, operator: ComparisonOperator, right: Expression): Expression => ({
  kind: 'Comparison',
  operator,
  left,
  right,
  span,
});
export const and = (left: Expression, right: Expression): Expression => ({ kind: 'LogicalBinary', operator: 'AND', left, right, span });
export const or = (left: Expression, right: Expression): Expression => ({ kind: 'LogicalBinary', operator: 'OR', left, right, span });
export const not = (operand: Expression): Expression => ({ kind: 'Not', operand, span });
export const isNull = (operand: Expression, negated = false): Expression => ({ kind: 'IsNull', operand, negated, span });
export const distinct = (left: Expression, right: Expression, negated = false): Expression => ({
  kind: 'IsDistinctFrom',
  left,
  right,
  negated,
  span,
});
export const between = (value: Expression, lower: Expression, upper: Expression, negated = false): Expression => ({
  kind: 'Between',
  value,
  lower,
  upper,
  negated,
  span,
});
export const inList = (value: Expression, list: Expression[], negated = false): Expression => ({
  kind: 'InList',
  value,
  list,
  negated,
  span,
});
export const like = (value: Expression, pattern: Expression, escape?: string, negated = false): Expression => ({
  kind: 'Like',
  value,
  pattern,
  escape,
  negated,
  span,
});
export const when = (condition: Expression, result: Expression) => ({ condition, result, span });
export const searchedCase = (whens: ReturnType<typeof when>[], otherwise?: Expression): Expression => ({
  kind: 'SearchedCase',
  whens,
  otherwise,
  span,
});
export const simpleCase = (operand: Expression, whens: ReturnType<typeof when>[], otherwise?: Expression): Expression => ({
  kind: 'SimpleCase',
  operand,
  whens,
  otherwise,
  span,
});
export const cast = (operand: Expression, type: TypeNode): Expression => ({ kind: 'Cast', operand, type, span });
export const array = (...elements: Expression[]): Expression => ({ kind: 'ArrayConstructor', elements, span });
export const map = (...entries: [Expression, Expression][]): Expression => ({
  kind: 'MapConstructor',
  entries: entries.map(([key, value]) => ({ key, value })),
  span,
});
export const struct = (...fields: [string, Expression][]): Expression => ({
  kind: 'StructConstructor',
  fields: fields.map(([name, value]) => ({ name, value })),
  span,
});
export const subscript = (base: Expression, index: Expression): Expression => ({ kind: 'Subscript', base, index, span });
export const deref = (base: Expression, field: string): Expression => ({ kind: 'Dereference', base, field, span });
export const call = (name: string, ...args: Expression[]): Expression => ({ kind: 'FunctionCall', name, args, star: false, span });
export const lambda = (params: string[], body: Expression): Expression => ({ kind: 'Lambda', params, body, span });
export const lambdaVar = (name: string): Expression => ({ kind: 'LambdaVariable', name, span });

export const typeNode = {
  int: { kind: 'PrimitiveType', name: 'INTEGER', span } as TypeNode,
  bigint: { kind: 'PrimitiveType', name: 'BIGINT', span } as TypeNode,
  double: { kind: 'PrimitiveType', name: 'DOUBLE', span } as TypeNode,
  string: { kind: 'PrimitiveType', name: 'STRING', span } as TypeNode,
  boolean: { kind: 'PrimitiveType', name: 'BOOLEAN', span } as TypeNode,
  date: { kind: 'PrimitiveType', name: 'DATE', span } as TypeNode,
  time: { kind: 'PrimitiveType', name: 'TIME', span } as TypeNode,
  timestamp: { kind: 'PrimitiveType', name: 'TIMESTAMP', span } as TypeNode,
  decimal: (precision: number, scale: number): TypeNode => ({ kind: 'DecimalType', precision, scale, span }),
  array: (element: TypeNode): TypeNode => ({ kind: 'ArrayType', element, span }),
  map: (key: TypeNode, value: TypeNode): TypeNode => ({ kind: 'MapType', key, value, span }),
  struct: (...fields: [string, TypeNode][]): TypeNode => ({
    kind: 'StructType',
    fields: fields.map(([name, type]) => ({ name, type })),
    span,
  }),
  custom: (name: string): TypeNode => ({ kind: 'CustomType', name, span }),
};

/** A scope over columns in the given order: row[i] is the i-th column. Qualifier `T` is accepted. */
export function scopeOf(columns: Record<string, SqlType>): ColumnScope {
  const names = Object.keys(columns);
  return {
    resolve(source, name, at) {
      if (source !== undefined && source !== 'T') return undefined;
      if (name === 'AMBIGUOUS') throw new PlanError(`Column '${name}' is ambiguous`, at);
      const index = names.indexOf(name);
      return index < 0 ? undefined : { index, type: columns[name]! };
    },
    names: () => names,
  };
}

export function contextOf(columns: Record<string, SqlType>, registry = new FunctionRegistry()): CompileContext {
  return { scope: scopeOf(columns), registry };
}

export { SqlTypes };
