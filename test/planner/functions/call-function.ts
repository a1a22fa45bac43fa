// Test helper: picks a built-in overload by the argument types given, then invokes it the way the
// expression compiler will (null arguments short-circuit unless the overload handles nulls).
import { BUILTIN_FUNCTIONS } from '../../../src/planner/functions/builtins.js';
import type { ScalarOverload, TableOverload, TypePattern } from '../../../src/planner/functions/registry-types.js';
import { SqlTypes, typesEqual, type SqlType } from '../../../src/planner/types.js';

/** An argument's type: a SQL type, a bare time unit, or a lambda with its result type. */
export type TestArgType = SqlType | 'timeUnit' | { readonly lambdaResult: SqlType };

export const T = {
  ...SqlTypes,
  INT: SqlTypes.INTEGER,
  timeUnit: 'timeUnit' as const,
  lambda: (result: SqlType): TestArgType => ({ lambdaResult: result }),
};

type Bindings = Map<string, SqlType>;

function matches(pattern: TypePattern, arg: TestArgType, bindings: Bindings): boolean {
  if (arg === 'timeUnit') return pattern.kind === 'timeUnit';
  if ('lambdaResult' in arg) return pattern.kind === 'lambda' && matches(pattern.result, arg.lambdaResult, bindings);
  switch (pattern.kind) {
    case 'exact':
      return typesEqual(pattern.type, arg);
    case 'any':
      return true;
    case 'var': {
      const bound = bindings.get(pattern.name);
      if (bound === undefined) bindings.set(pattern.name, arg);
      return bound === undefined || typesEqual(bound, arg);
    }
    case 'numeric':
      return ['INTEGER', 'BIGINT', 'DECIMAL', 'DOUBLE'].includes(arg.kind);
    case 'decimal':
      return arg.kind === 'DECIMAL';
    case 'array':
      return arg.kind === 'ARRAY' && matches(pattern.element, arg.element, bindings);
    case 'map':
      return arg.kind === 'MAP' && matches(pattern.key, arg.key, bindings) && matches(pattern.value, arg.value, bindings);
    case 'struct':
      return arg.kind === 'STRUCT';
    default:
      return false;
  }
}

function resolvePattern(pattern: TypePattern, bindings: Bindings): SqlType {
  switch (pattern.kind) {
    case 'exact':
      return pattern.type;
    case 'var': {
      const bound = bindings.get(pattern.name);
      if (bound === undefined) throw new Error(`unbound type variable ${pattern.name}`);
      return bound;
    }
    case 'array':
      return SqlTypes.array(resolvePattern(pattern.element, bindings));
    case 'map':
      return SqlTypes.map(resolvePattern(pattern.key, bindings), resolvePattern(pattern.value, bindings));
    default:
      throw new Error(`cannot resolve a ${pattern.kind} return pattern`);
  }
}

function matchOverload<Overload extends ScalarOverload | TableOverload>(
  overloads: readonly Overload[],
  argTypes: readonly TestArgType[],
): { overload: Overload; bindings: Bindings } {
  for (const overload of overloads) {
    const params = overload.params;
    const lengthFits = overload.variadic === true ? argTypes.length >= params.length - 1 : argTypes.length === params.length;
    if (!lengthFits) continue;
    const bindings: Bindings = new Map();
    const fits = argTypes.every((arg, index) => matches(params[Math.min(index, params.length - 1)]!, arg, bindings));
    if (fits) return { overload, bindings };
  }
  throw new Error(`no overload accepts (${argTypes.map((arg) => JSON.stringify(arg)).join(', ')})`);
}

function sqlTypes(argTypes: readonly TestArgType[]): SqlType[] {
  return argTypes.map((arg) => (arg === 'timeUnit' ? SqlTypes.STRING : 'lambdaResult' in arg ? arg.lambdaResult : arg));
}

export interface ResolvedCall {
  readonly returnType: SqlType;
  readonly invoke: (...args: unknown[]) => unknown;
}

/** Resolves a scalar function call for the given argument types. */
export function resolveScalar(name: string, argTypes: readonly TestArgType[]): ResolvedCall {
  const definition = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === name);
  if (definition === undefined || definition.type !== 'SCALAR') throw new Error(`no scalar function ${name}`);
  const { overload, bindings } = matchOverload(definition.overloads, argTypes);
  const types = sqlTypes(argTypes);
  const returnType = typeof overload.returns === 'function' ? overload.returns(types, bindings) : resolvePattern(overload.returns, bindings);
  const implementation = overload.create(types, returnType);
  const handlesNulls = overload.nulls === 'handlesNulls';
  return {
    returnType,
    invoke: (...args) => (!handlesNulls && args.some((arg) => arg === null) ? null : implementation(...args)),
  };
}

/** Calls a scalar function once. */
export function call(name: string, argTypes: readonly TestArgType[], ...args: unknown[]): unknown {
  return resolveScalar(name, argTypes).invoke(...args);
}

/** Calls a table function once and returns its rows. */
export function callTable(name: string, argTypes: readonly SqlType[], ...args: unknown[]): readonly unknown[] {
  const definition = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === name);
  if (definition === undefined || definition.type !== 'TABLE') throw new Error(`no table function ${name}`);
  return matchOverload(definition.overloads, argTypes).overload.create(argTypes)(...args);
}

/** The return type of a table function for the given argument types. */
export function tableReturnType(name: string, argTypes: readonly SqlType[]): SqlType {
  const definition = BUILTIN_FUNCTIONS.find((candidate) => candidate.name === name);
  if (definition === undefined || definition.type !== 'TABLE') throw new Error(`no table function ${name}`);
  const { overload, bindings } = matchOverload(definition.overloads, argTypes);
  return typeof overload.returns === 'function' ? overload.returns(argTypes, bindings) : resolvePattern(overload.returns, bindings);
}
