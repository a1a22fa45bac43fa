// The shapes of function definitions held by the function registry: scalar, aggregate and
// table functions, each with typed overloads written as type patterns.
import type { SqlType } from '../types.js';

/**
 * What an argument must look like. `var` binds a generic name (T, K, V...) to the actual type
 * on first use, and later uses must agree; `numeric` is any of INTEGER, BIGINT, DECIMAL, DOUBLE.
 */
export type TypePattern =
  | { readonly kind: 'exact'; readonly type: SqlType }
  | { readonly kind: 'any' }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'numeric' }
  | { readonly kind: 'decimal' }
  | { readonly kind: 'array'; readonly element: TypePattern }
  | { readonly kind: 'map'; readonly key: TypePattern; readonly value: TypePattern }
  | { readonly kind: 'struct' }
  | { readonly kind: 'lambda'; readonly params: readonly TypePattern[]; readonly result: TypePattern }
  /** A bare time unit (SECONDS, DAYS...) passed as an argument; its value is the unit name string. */
  | { readonly kind: 'timeUnit' };

/** Generic names bound while matching an overload. */
export type TypeBindings = ReadonlyMap<string, SqlType>;

/** A JS implementation: receives argument values (lambdas arrive as JS functions), returns the result. */
export type ScalarImplementation = (...args: unknown[]) => unknown;

/** What every kind of overload declares: the parameters it takes and how its result type is found. */
export interface OverloadSignature {
  readonly params: readonly TypePattern[];
  /** Parameter names, one per param, shown in "Valid alternatives" messages as ksqlDB does (`explode(ARRAY<T> list)`). */
  readonly paramNames?: readonly string[];
  /** The result type: a pattern resolved against the bindings, or computed from the argument types. */
  readonly returns: TypePattern | ((argTypes: readonly SqlType[], bindings: TypeBindings) => SqlType);
  /** One line for DESCRIBE FUNCTION. */
  readonly description?: string;
}

export interface ScalarOverload extends OverloadSignature {
  /** The last param may repeat zero or more times. */
  readonly variadic?: boolean;
  /** 'nullOnNullArgs' (default): any null argument gives null without calling the implementation. */
  readonly nulls?: 'nullOnNullArgs' | 'handlesNulls';
  /** Builds the implementation once per call site, specialised to the resolved argument types. */
  readonly create: (argTypes: readonly SqlType[], returnType: SqlType) => ScalarImplementation;
}

/** A user-visible aggregate: initialize, aggregate, undo (for tables), merge (for sessions), map. */
export interface AggregateOverload<Accumulator = unknown> extends OverloadSignature {
  /** How many leading params are per-record columns; the rest must be literals (e.g. TOPK's k). */
  readonly columnParams?: number;
  /** `config` carries ksqlDB's function settings (`ksql.functions.collect_list.limit`...). */
  readonly create: (
    argTypes: readonly SqlType[],
    literalArgs: readonly unknown[],
    config?: { get(name: string): string | undefined },
  ) => AggregateImplementation<Accumulator>;
}

export interface AggregateImplementation<Accumulator = unknown> {
  initialize(): Accumulator;
  aggregate(accumulator: Accumulator, ...values: unknown[]): Accumulator;
  /** Removes a value previously aggregated (table aggregations); absent when not supported. */
  undo?(accumulator: Accumulator, ...values: unknown[]): Accumulator;
  merge?(left: Accumulator, right: Accumulator): Accumulator;
  result(accumulator: Accumulator): unknown;
}

/** A table function: one input row gives zero or more output values. */
export interface TableOverload extends OverloadSignature {
  readonly variadic?: boolean;
  readonly create: (argTypes: readonly SqlType[]) => (...args: unknown[]) => readonly unknown[];
}

export type FunctionCategory =
  | 'STRING'
  | 'REGEX'
  | 'MATH'
  | 'GEO'
  | 'DATE / TIME'
  | 'JSON'
  | 'ARRAY'
  | 'MAP'
  | 'CONDITIONAL'
  | 'CONVERSIONS'
  | 'LAMBDA'
  | 'URL'
  | 'OTHER'
  | 'AGGREGATE'
  | 'TABLE';

/** Where a user-defined function came from, for DESCRIBE FUNCTION; built-ins have none. */
export interface FunctionOrigin {
  readonly path: string;
  readonly author?: string;
  readonly version?: string;
}

interface FunctionBase {
  readonly name: string;
  readonly category: FunctionCategory;
  readonly description: string;
  readonly origin?: FunctionOrigin;
}

export type FunctionDefinition =
  | (FunctionBase & { readonly type: 'SCALAR'; readonly overloads: readonly ScalarOverload[] })
  | (FunctionBase & { readonly type: 'AGGREGATE'; readonly overloads: readonly AggregateOverload[] })
  | (FunctionBase & { readonly type: 'TABLE'; readonly overloads: readonly TableOverload[] });
