// Scalar function calls: overload resolution through the registry, widening casts, and the null short-circuit.
import type { Expression, FunctionCall, Span } from '../../parser/ast.js';
import type { ArgumentType, ResolvedOverload } from '../functions/registry.js';
import type { ScalarOverload } from '../functions/registry-types.js';
import { PlanError } from '../plan-error.js';
import { EvaluationError } from './evaluation-error.js';
import { prepareLambda, type PendingLambda } from './lambda.js';
import { castTo, coerceConstant, neverEqual } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';

type PreparedArgument =
  | { readonly kind: 'value'; readonly compiled: Compiled; readonly span: Span }
  | { readonly kind: 'lambda'; readonly lambda: PendingLambda }
  | { readonly kind: 'timeUnit'; readonly unit: string };

export function compileFunctionCall(node: FunctionCall, state: CompileState): Compiled {
  const definition = state.context.registry.get(node.name);
  if (definition !== undefined && definition.type !== 'SCALAR') {
    const kind = definition.type === 'AGGREGATE' ? 'aggregate' : 'table';
    throw new PlanError(`${kind} function ${node.name} is not allowed here`, node.span);
  }
  const { prepared, resolved } = resolveCall(node, node.args.map((arg) => prepareArgument(arg, state)), state);
  const evaluators = prepared.map((argument, position): Evaluator => {
    const argType = resolved.argTypes[position]!;
    if (argument.kind === 'lambda') return argument.lambda.evaluatorFor(resolved.lambdaParamTypes[position]!, argType);
    if (argument.kind === 'timeUnit') return () => argument.unit;
    return castTo(argument.compiled, argType);
  });
  const implementation = resolved.overload.create(resolved.argTypes, resolved.returnType);
  const nullOnNullArgs = (resolved.overload.nulls ?? 'nullOnNullArgs') === 'nullOnNullArgs';
  return {
    type: resolved.returnType,
    constant: false,
    evaluate: (nullOnNullArgs ? nullShortCircuitCall : plainCall)(node.name, evaluators, implementation),
  };
}

interface ResolvedCall {
  readonly prepared: readonly PreparedArgument[];
  readonly resolved: ResolvedOverload<ScalarOverload>;
}

/**
 * Resolves the call; when no overload fits, retries with string literals read as the temporal
 * type of the other arguments, as ksqlDB does for `GREATEST(date_col, '2022-06-14')`.
 */
function resolveCall(node: FunctionCall, prepared: readonly PreparedArgument[], state: CompileState): ResolvedCall {
  const registry = state.context.registry;
  try {
    return { prepared, resolved: registry.resolveScalar(node.name, prepared.map(argumentType), node.span) };
  } catch (error) {
    const coerced = error instanceof PlanError ? coerceTemporalLiterals(prepared) : undefined;
    if (coerced === undefined) throw error;
    try {
      return { prepared: coerced, resolved: registry.resolveScalar(node.name, coerced.map(argumentType), node.span) };
    } catch {
      throw error;
    }
  }
}

const temporalKinds: ReadonlySet<string> = new Set(['DATE', 'TIME', 'TIMESTAMP']);

function coerceTemporalLiterals(prepared: readonly PreparedArgument[]): readonly PreparedArgument[] | undefined {
  const target = prepared.find(
    (argument) => argument.kind === 'value' && argument.compiled.type !== null && temporalKinds.has(argument.compiled.type.kind),
  );
  if (target?.kind !== 'value' || target.compiled.type === null) return undefined;
  const targetType = target.compiled.type;
  try {
    return prepared.map((argument) => {
      if (argument.kind !== 'value' || !argument.compiled.constant || argument.compiled.type?.kind !== 'STRING') return argument;
      const coerced = coerceConstant(argument.compiled, targetType, argument.span);
      return coerced === neverEqual ? argument : { kind: 'value', compiled: coerced, span: argument.span };
    });
  } catch (error) {
    if (error instanceof PlanError) return undefined;
    throw error;
  }
}

function prepareArgument(arg: Expression, state: CompileState): PreparedArgument {
  if (arg.kind === 'Lambda') return { kind: 'lambda', lambda: prepareLambda(arg, state) };
  if (arg.kind === 'IntervalUnitArg') return { kind: 'timeUnit', unit: arg.unit };
  return { kind: 'value', compiled: state.compile(arg, state), span: arg.span };
}

function argumentType(argument: PreparedArgument): ArgumentType {
  if (argument.kind === 'lambda') return argument.lambda.argument;
  if (argument.kind === 'timeUnit') return { kind: 'timeUnit' };
  return argument.compiled.type;
}

type Implementation = (...args: unknown[]) => unknown;

/** Failures inside a function become EvaluationErrors naming it, so the runtime logs and skips the record. */
function asEvaluationError(name: string, error: unknown): EvaluationError {
  if (error instanceof EvaluationError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EvaluationError(`Error computing ${name}: ${reason}`);
}

/** Implementations may return undefined; SQL NULL is always null. */
function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

/**
 * 'nullOnNullArgs': any null argument gives null without calling the function. One and two
 * arguments, the common arities, are specialised so that a call allocates no argument array.
 */
function nullShortCircuitCall(name: string, evaluators: readonly Evaluator[], implementation: Implementation): Evaluator {
  if (evaluators.length === 1) {
    const first = evaluators[0]!;
    return (row) => {
      const value = first(row);
      if (value === null) return null;
      try {
        return orNull(implementation(value));
      } catch (error) {
        throw asEvaluationError(name, error);
      }
    };
  }
  if (evaluators.length === 2) {
    const [first, second] = evaluators as [Evaluator, Evaluator];
    return (row) => {
      const left = first(row);
      if (left === null) return null;
      const right = second(row);
      if (right === null) return null;
      try {
        return orNull(implementation(left, right));
      } catch (error) {
        throw asEvaluationError(name, error);
      }
    };
  }
  return (row) => {
    const args = new Array<unknown>(evaluators.length);
    for (let position = 0; position < evaluators.length; position++) {
      const value = evaluators[position]!(row);
      if (value === null) return null;
      args[position] = value;
    }
    return invokeGuarded(name, implementation, args);
  };
}

/** 'handlesNulls': the function receives nulls and decides. */
function plainCall(name: string, evaluators: readonly Evaluator[], implementation: Implementation): Evaluator {
  return (row) => invokeGuarded(name, implementation, evaluators.map((evaluate) => evaluate(row)));
}

function invokeGuarded(name: string, implementation: Implementation, args: readonly unknown[]): unknown {
  try {
    return orNull(implementation(...args));
  } catch (error) {
    throw asEvaluationError(name, error);
  }
}
