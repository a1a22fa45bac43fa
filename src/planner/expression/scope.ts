// What compiled expressions see: column bindings, the compile context, and the per-compilation state.
import type { Expression, Span } from '../../parser/ast.js';
import type { FunctionRegistry } from '../functions/registry.js';
import type { SqlType } from '../types.js';

/** Where a column lives in the row array, and its type. */
export interface ColumnBinding {
  readonly index: number;
  readonly type: SqlType;
}

export interface ColumnScope {
  /** source = qualifier as written (alias or source name) or undefined. Undefined result → not found. Throw PlanError on ambiguity. */
  resolve(source: string | undefined, name: string, span: Span): ColumnBinding | undefined;
  /** All visible names, for "did you mean" suggestions. */
  names(): readonly string[];
}

export interface CompileContext {
  readonly scope: ColumnScope;
  readonly registry: FunctionRegistry;
  readonly customTypes?: ReadonlyMap<string, SqlType>;
  /** The clause being compiled (`WHERE`, `SELECT`...), named in "column cannot be resolved" errors as ksqlDB does. */
  readonly clause?: string;
}

export interface CompiledExpression {
  readonly type: SqlType;
  readonly evaluate: (row: readonly unknown[]) => unknown;
}

export type Evaluator = (row: readonly unknown[]) => unknown;

/**
 * An expression compiled internally. `type` is null for the NULL literal, whose type is decided
 * by its context; `constant` marks expressions that do not read the row.
 */
export interface Compiled {
  readonly type: SqlType | null;
  readonly evaluate: Evaluator;
  readonly constant: boolean;
}

/** A lambda parameter: the lambda writes `value` before it evaluates its body. */
export interface LambdaCell {
  readonly type: SqlType | null;
  value: unknown;
}

/** Everything a construct compiler needs, including the recursive entry point (avoids import cycles). */
export interface CompileState {
  readonly context: CompileContext;
  readonly lambdaVariables: ReadonlyMap<string, LambdaCell>;
  readonly compile: (expression: Expression, state: CompileState) => Compiled;
}
