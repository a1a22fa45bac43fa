// The module API of user-defined functions: what a module in the functions directory exports.
// It imports nothing, so a user's module can load it (through src/udf.ts) without the engine.

/**
 * SQL type text, as in CREATE STREAM: 'STRING', 'INT', 'ARRAY<BIGINT>', 'MAP<STRING, DOUBLE>',
 * 'DECIMAL(10, 2)' (a parameter of any DECIMAL type accepts every precision and scale),
 * 'STRUCT<A INT>'. A single capital letter, optionally followed by digits (T, K, V, T1), is a
 * generic: it takes the type of the first argument it meets, and later uses must agree. 'ANY'
 * accepts any one argument and 'STRUCT' any struct; neither can be a return type.
 */
export type SqlTypeText = string;

/**
 * A scalar or table function body. Arguments arrive in Squall's runtime representation:
 * BOOLEAN boolean, INT and DOUBLE number, BIGINT bigint, DECIMAL Decimal, STRING string, BYTES
 * Uint8Array, DATE days / TIME milliseconds / TIMESTAMP epoch milliseconds (numbers), ARRAY
 * array, MAP Map, STRUCT a plain object keyed by field name. SQL NULL is `null`. The result
 * must use the same representation for the declared return type. Annotate the parameters:
 * `run: (text: string) => text.toUpperCase()`.
 */
export type FunctionBody = (...args: never[]) => unknown;

interface SignatureBase {
  /** One type per argument. */
  readonly params: readonly SqlTypeText[];
  /** Names for DESCRIBE FUNCTION and error messages, one per param. */
  readonly paramNames?: readonly string[];
  /** May use the generics of `params`: `{ params: ['ARRAY<T>'], returns: 'T' }`. */
  readonly returns: SqlTypeText;
  /** One line for DESCRIBE FUNCTION; the function's description when absent. */
  readonly description?: string;
}

interface FunctionBase {
  /** The SQL name, case-insensitive; it must not be the name of a built-in function. */
  readonly name: string;
  /** One line for DESCRIBE FUNCTION. */
  readonly description: string;
  readonly author?: string;
  readonly version?: string;
}

export interface ScalarSignature extends SignatureBase {
  /** The last param may repeat zero or more times; its values arrive as separate arguments. */
  readonly variadic?: boolean;
  /** This signature's own body, instead of the function's. */
  readonly run?: FunctionBody;
  /** Makes a fresh body for each call site of each query: for a body that keeps state. */
  readonly create?: () => FunctionBody;
}

export interface ScalarFunction extends FunctionBase {
  readonly kind: 'scalar';
  readonly signatures: readonly ScalarSignature[];
  /** 'nullOnNullArgs' (the default): a NULL argument gives NULL without calling the body; 'handlesNulls': the body sees nulls. */
  readonly nulls?: 'nullOnNullArgs' | 'handlesNulls';
  /** The body of every signature that has no `run` or `create` of its own. */
  readonly run?: FunctionBody;
  readonly create?: () => FunctionBody;
}

/** A table function body: the values of the rows one input row becomes (zero or more). */
export type TableFunctionBody = (...args: never[]) => readonly unknown[];

export interface TableSignature extends SignatureBase {
  readonly variadic?: boolean;
  readonly run?: TableFunctionBody;
}

/** `returns` is the type of one output value. A NULL argument gives no rows, without calling the body. */
export interface TableFunction extends FunctionBase {
  readonly kind: 'table';
  readonly signatures: readonly TableSignature[];
  readonly run?: TableFunctionBody;
}

/**
 * An aggregate over plain-data accumulators. Accumulators are stored (and sent between tasks)
 * as JSON, with bigint, Decimal, bytes, Map and Set kept by tags: hold nothing else (no class
 * instances, no functions). Return a new accumulator rather than changing the one given.
 * Column values arrive as for scalar functions, NULL included.
 */
export interface AggregateFunction extends FunctionBase {
  readonly kind: 'aggregate';
  readonly signatures: readonly SignatureBase[];
  initialize(): unknown;
  aggregate(accumulator: never, ...values: never[]): unknown;
  /** Takes a value back out: needed to aggregate a table (its rows change); absent, only streams. */
  undo?(accumulator: never, ...values: never[]): unknown;
  /** Combines two accumulators: needed for session windows, which merge. */
  merge?(left: never, right: never): unknown;
  /** The aggregate's value, of the signature's return type. */
  result(accumulator: never): unknown;
}

export type UserFunction = ScalarFunction | TableFunction | AggregateFunction;

/** Checks a definition's shape at compile time; at run time it returns the definition as it is. */
export function defineFunction<const Definition extends UserFunction>(definition: Definition): Definition {
  return definition;
}
