// Scalar function calls: overload resolution through the registry, widening casts, and the null short-circuit.
import type { Expression, FunctionCall } from '../../parser/ast.js';
import type { ArgumentType } from '../functions/registry.js';
import { PlanError } from '../plan-error.js';
import { EvaluationError } from './evaluation-error.js';
import { prepareLambda, type PendingLambda } from './lambda.js';
import { castTo } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator } from './scope.js';

type PreparedArgument =
  | { readonly kind: 'value'; readonly compiled: Compiled }
  | { readonly kind: 'lambda'; readonly lambda: PendingLambda }
  | { readonly kind: 'timeUnit'; readonly unit: string };

export function compileFunctionCall(node: FunctionCall, state: CompileState): Compiled {
  const registry = state.context.registry;
  const definition = registry.get(node.name);
  if (definition !== undefined && definition.type !== 'SCALAR') {
    const kind = definition.type === 'AGGREGATE' ? 'aggregate' : 'table';
    throw new PlanError(`${kind} function ${node.name} is not allowed here`, node.span);
  }
  const prepared = node.args.map((arg) => prepareArgument(arg, state));
  const resolved = registry.resolveScalar(node.name, prepared.map(argumentType), node.span);
  const evaluators = prepared.map((argument, position): Evaluator => {
    const argType = resolved.argTypes[position]!;
    if (argument.kind === 'lambda') return argument.lambda.evaluatorFor(resolved.lambdaParamTypes[position]!, argType);
    if (argument.kind === 'timeUnit') return () => argument.unit;
    return castTo(argument.compiled, argType);
  });
  const implementation = resolved.overload.create(resolved.argTypes, resolved.returnType);
  const invoke = guardImplementation(node.name, implementation);
  const nullOnNullArgs = (resolved.overload.nulls ?? 'nullOnNullArgs') === 'nullOnNullArgs';
  return {
    type: resolved.returnType,
    constant: false,
    evaluate: nullOnNullArgs ? nullShortCircuitCall(evaluators, invoke) : plainCall(evaluators, invoke),
  };
}

function prepareArgument(arg: Expression, state: CompileState): PreparedArgument {
  if (arg.kind === 'Lambda') return { kind: 'lambda', lambda: prepareLambda(arg, state) };
  if (arg.kind === 'IntervalUnitArg') return { kind: 'timeUnit', unit: arg.unit };
  return { kind: 'value', compiled: state.compile(arg, state) };
}

function argumentType(argument: PreparedArgument): ArgumentType {
  if (argument.kind === 'lambda') return argument.lambda.argument;
  if (argument.kind === 'timeUnit') return { kind: 'timeUnit' };
  return argument.compiled.type;
}

type Invoke = (args: unknown[]) => unknown;

/** Failures inside a function become EvaluationErrors naming it, so the runtime logs and skips the record. */
function guardImplementation(name: string, implementation: (...args: unknown[]) => unknown): Invoke {
  return (args) => {
    try {
      const result = implementation(...args);
      return result === undefined ? null : result;
    } catch (error) {
      if (error instanceof EvaluationError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EvaluationError(`Error computing ${name}: ${reason}`);
    }
  };
}

/** 'nullOnNullArgs': any null argument gives null without calling the function. */
function nullShortCircuitCall(evaluators: readonly Evaluator[], invoke: Invoke): Evaluator {
  return (row) => {
    const args = new Array<unknown>(evaluators.length);
    for (let position = 0; position < evaluators.length; position++) {
      const value = evaluators[position]!(row);
      if (value === null) return null;
      args[position] = value;
    }
    return invoke(args);
  };
}

function plainCall(evaluators: readonly Evaluator[], invoke: Invoke): Evaluator {
  return (row) => invoke(evaluators.map((evaluate) => evaluate(row)));
}
