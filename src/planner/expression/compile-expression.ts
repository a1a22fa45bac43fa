// The expression compiler: dispatches each AST kind to its construct compiler and returns typed closures.
import type { AtTimeZone, Expression, IntervalUnitArg } from '../../parser/ast.js';
import { castValue, compileCast } from '../cast.js';
import type { FunctionRegistry } from '../functions/registry.js';
import { PlanError } from '../plan-error.js';
import { canWiden } from '../type-rules.js';
import { formatType, SqlTypes, typesEqual, type SqlType } from '../types.js';
import { compileArithmeticBinary, compileArithmeticUnary, compileConcat } from './arithmetic.js';
import { compileSearchedCase, compileSimpleCase } from './case.js';
import { compileCastExpression } from './cast-expression.js';
import { someExpression } from './children.js';
import {
  compileArrayConstructor,
  compileDereference,
  compileMapConstructor,
  compileStructAll,
  compileStructConstructor,
  compileSubscript,
} from './collections.js';
import { compileBetween, compileComparison, compileInList, compileIsDistinctFrom } from './comparison.js';
import { EvaluationError } from './evaluation-error.js';
import { compileFunctionCall } from './function-call.js';
import { compileLike } from './like.js';
import {
  compileDecimalLiteral,
  compileDoubleLiteral,
  compileIntegerLiteral,
  compileTypedLiteral,
  constant,
  nullLiteral,
} from './literals.js';
import { compileIsNull, compileLogicalBinary, compileNot } from './logical.js';
import { coerceConstant, neverEqual } from './operand-coercion.js';
import { compileColumnRef, compileLambdaVariable } from './references.js';
import type { Compiled, CompiledExpression, CompileContext, CompileState } from './scope.js';

type Compilers = {
  [K in Expression['kind']]: (expression: Extract<Expression, { kind: K }>, state: CompileState) => Compiled;
};

const compilers: Compilers = {
  NullLiteral: () => nullLiteral,
  BooleanLiteral: (node) => constant(SqlTypes.BOOLEAN, node.value),
  IntegerLiteral: (node) => compileIntegerLiteral(node),
  DecimalLiteral: (node) => compileDecimalLiteral(node),
  DoubleLiteral: (node) => compileDoubleLiteral(node),
  StringLiteral: (node) => constant(SqlTypes.STRING, node.value),
  TypedLiteral: compileTypedLiteral,
  ColumnRef: compileColumnRef,
  Dereference: compileDereference,
  Subscript: compileSubscript,
  StructAll: compileStructAll,
  ArithmeticUnary: compileArithmeticUnary,
  ArithmeticBinary: compileArithmeticBinary,
  Concat: compileConcat,
  Comparison: compileComparison,
  IsDistinctFrom: compileIsDistinctFrom,
  LogicalBinary: compileLogicalBinary,
  Not: compileNot,
  IsNull: compileIsNull,
  Between: compileBetween,
  InList: compileInList,
  Like: compileLike,
  SearchedCase: compileSearchedCase,
  SimpleCase: compileSimpleCase,
  Cast: compileCastExpression,
  ArrayConstructor: compileArrayConstructor,
  MapConstructor: compileMapConstructor,
  StructConstructor: compileStructConstructor,
  FunctionCall: compileFunctionCall,
  Lambda: (node) => {
    throw new PlanError('A lambda is only allowed as a function argument', node.span);
  },
  LambdaVariable: compileLambdaVariable,
  AtTimeZone: (node: AtTimeZone) => {
    throw new PlanError('AT TIME ZONE is not supported yet', node.span, 'NOT_SUPPORTED');
  },
  IntervalUnitArg: (node: IntervalUnitArg) => {
    throw new PlanError(`The time unit ${node.unit} is only allowed as a function argument`, node.span);
  },
};

function compileNode(expression: Expression, state: CompileState): Compiled {
  const compile = compilers[expression.kind] as (node: Expression, state: CompileState) => Compiled;
  return compile(expression, state);
}

function initialState(context: CompileContext): CompileState {
  return { context, lambdaVariables: new Map(), compile: compileNode };
}

/** Compiles an expression to a typed closure over a row; throws PlanError with the offending span. */
export function compileExpression(expression: Expression, context: CompileContext): CompiledExpression {
  const compiled = compileNode(expression, initialState(context));
  if (compiled.type === null) {
    throw new PlanError(
      "Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).",
      expression.span,
    );
  }
  return { type: compiled.type, evaluate: compiled.evaluate };
}

export function typeOfExpression(expression: Expression, context: CompileContext): SqlType {
  return compileExpression(expression, context).type;
}

/**
 * Evaluates a row-independent expression (INSERT VALUES) and converts it to a column type:
 * NULL fits any type, strings are parsed (`'2020-01-01'` for a DATE), numbers widen.
 */
export function compileConstant(expression: Expression, targetType: SqlType, context: CompileContext): unknown {
  const state = initialState(context);
  const compiled = compileNode(expression, state);
  if (compiled.type === null) return null;
  const parsesText = compiled.type.kind === 'STRING' && compileCast(compiled.type, targetType) !== undefined;
  const coerced = parsesText ? compiled : coerceConstant(compiled, targetType, expression.span);
  if (coerced === neverEqual || coerced.type === null || !(parsesText || fitsTarget(coerced.type, targetType))) {
    throw new PlanError(
      `Expected type ${formatType(targetType)} for value but got ${formatType(compiled.type)}`,
      expression.span,
    );
  }
  try {
    return castValue(coerced.evaluate([]), coerced.type, targetType);
  } catch (error) {
    if (error instanceof EvaluationError) throw new PlanError(error.message, expression.span);
    throw error;
  }
}

function fitsTarget(type: SqlType, target: SqlType): boolean {
  return typesEqual(type, target) || canWiden(type, target);
}

/** True when the expression calls an aggregate function anywhere (the aggregate planner handles those). */
export function containsAggregate(expression: Expression, registry: FunctionRegistry): boolean {
  return someExpression(
    expression,
    (node) => node.kind === 'FunctionCall' && registry.get(node.name)?.type === 'AGGREGATE',
  );
}
