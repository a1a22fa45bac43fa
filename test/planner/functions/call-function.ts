// Test helper: resolves a built-in call through the real function registry, then invokes it the way
// the expression compiler does (null arguments short-circuit unless the overload handles nulls).
import { createBuiltinRegistry } from '../../../src/planner/functions/builtin-registry.js';
import type { ArgumentType } from '../../../src/planner/functions/registry.js';
import { PlanError } from '../../../src/planner/plan-error.js';
import { SqlTypes, type SqlType } from '../../../src/planner/types.js';

export const T = {
  ...SqlTypes,
  INT: SqlTypes.INTEGER,
  timeUnit: { kind: 'timeUnit' } as const,
  /** A lambda taking `arity` parameters whose body has type `result`. */
  lambda: (arity: number, result: SqlType): ArgumentType => ({ kind: 'lambda', arity, bodyType: () => result }),
};

const registry = createBuiltinRegistry();

/** Runs a resolution, reporting a call no overload takes as "no overload accepts (...)". */
function resolve<Resolved>(name: string, argTypes: readonly ArgumentType[], resolveWith: () => Resolved): Resolved {
  try {
    return resolveWith();
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    throw new Error(`no overload of ${name} accepts (${JSON.stringify(argTypes)}): ${error.message}`, { cause: error });
  }
}

export interface ResolvedCall {
  readonly returnType: SqlType;
  readonly invoke: (...args: unknown[]) => unknown;
}

/** Resolves a scalar function call for the given argument types. */
export function resolveScalar(name: string, argTypes: readonly ArgumentType[]): ResolvedCall {
  const resolved = resolve(name, argTypes, () => registry.resolveScalar(name, argTypes));
  const implementation = resolved.overload.create(resolved.argTypes, resolved.returnType);
  const handlesNulls = resolved.overload.nulls === 'handlesNulls';
  return {
    returnType: resolved.returnType,
    invoke: (...args) => (!handlesNulls && args.some((arg) => arg === null) ? null : implementation(...args)),
  };
}

/** Calls a scalar function once. */
export function call(name: string, argTypes: readonly ArgumentType[], ...args: unknown[]): unknown {
  return resolveScalar(name, argTypes).invoke(...args);
}

/** Calls a table function once and returns its rows. */
export function callTable(name: string, argTypes: readonly SqlType[], ...args: unknown[]): readonly unknown[] {
  const resolved = resolve(name, argTypes, () => registry.resolveTable(name, argTypes));
  return resolved.overload.create(resolved.argTypes)(...args);
}

/** The return type of a table function for the given argument types. */
export function tableReturnType(name: string, argTypes: readonly SqlType[]): SqlType {
  return resolve(name, argTypes, () => registry.resolveTable(name, argTypes)).returnType;
}
