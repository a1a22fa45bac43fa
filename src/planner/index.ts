// The planner's public API: SQL types and values, the catalog, functions, expression
// compilation, and planning statements into physical plans.
export * from './types.js';
export { Decimal } from './decimal.js';
export { PlanError } from './plan-error.js';
export { resolveType } from './type-rules.js';
export { EvaluationError } from './expression/evaluation-error.js';
export { compileExpression, compileConstant, type CompileContext, type CompiledExpression, type ColumnScope, type ColumnBinding } from './expression/index.js';
export { FunctionRegistry, formatPattern } from './functions/registry.js';
export { createBuiltinRegistry } from './functions/builtin-registry.js';
export type { FunctionDefinition, FunctionOrigin, TypePattern } from './functions/registry-types.js';
export { readUserFunction, type UserFunctionReading } from './functions/user-function.js';
export type { AggregateImplementation } from './functions/registry-types.js';
export type { WindowSpec } from './logical/window-spec.js';
export { parseTimestamp as parseTimestampText } from './functions/datetime.js';
export { localToUtc, offsetAt, resolveTimeZone } from './functions/time-zones.js';
export * from './metastore.js';
export { layeredConfig, ConfigNames, type PlannerConfig } from './config.js';
export * from './physical-plan.js';
export { explainPlan } from './explain.js';
export { planCreateSource } from './statements/create-source.js';
export { planQuery } from './query/plan-query.js';
export type { QueryPlanningContext } from './query/build-logical-plan.js';
export { resolveSource } from './query/resolve-source.js';
export type { SinkTarget } from './query/plan-sink.js';
export { RowSchema } from './query/row-schema.js';
export { sourceNameHint } from './source-name-hint.js';
export { checkSourceFormats } from './format-rules.js';
