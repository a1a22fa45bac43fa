// Table functions (FlatMap): each call lifted out of the SELECT list appends one column, `$TF_n`,
// to the input row; each input row gives as many rows as the longest call result.
import type { Expression } from '../../parser/index.js';
import { castNotSupportedMessage, compileCast, identityCast } from '../cast.js';
import type { TableFunctionStep, RowFunction } from '../physical-plan.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { RowSchema, type RowColumn } from '../query/row-schema.js';
import type { SqlType } from '../types.js';
import { compileContext, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';

export type FunctionCall = Extract<Expression, { kind: 'FunctionCall' }>;

export interface TableFunctionsNode extends LogicalNodeBase {
  readonly kind: 'TableFunctions';
  readonly input: LogicalNode;
  readonly calls: readonly FunctionCall[];
}

/** The column holding the result of the `index`th lifted call; SELECT items read it by this name. */
export function tableFunctionColumnName(index: number): string {
  return `$TF_${index}`;
}

export function tableFunctionsNode(input: LogicalNode, calls: readonly FunctionCall[], typing: TypingContext): TableFunctionsNode {
  const appended = calls.map((call, index): RowColumn => ({
    name: tableFunctionColumnName(index),
    type: compileTableFunctionCall(call, input.schema, typing).type,
    role: 'VALUE',
    qualifier: undefined,
  }));
  return Object.freeze({
    kind: 'TableFunctions',
    id: undefined,
    schema: new RowSchema([...input.schema.columns, ...appended]),
    keys: input.keys,
    input,
    calls,
  });
}

type TableFunction = TableFunctionStep['functions'][number];

/** Resolves a call's overload and builds its evaluator; the argument conversions are built once, not per record. */
export function compileTableFunctionCall(call: FunctionCall, schema: RowSchema, typing: TypingContext): { type: SqlType; evaluate: TableFunction } {
  const context = compileContext(schema, typing);
  const args = call.args.map((arg) => compileInClause(arg, context, 'SELECT'));
  const resolved = typing.registry.resolveTable(call.name, args.map((arg) => arg.type), call.span);
  const implementation = resolved.overload.create(resolved.argTypes);
  const evaluators = args.map((arg, index): RowFunction => {
    const target = resolved.argTypes[index]!;
    const cast = compileCast(arg.type, target);
    if (cast === undefined) throw new PlanError(castNotSupportedMessage(arg.type, target), call.args[index]!.span);
    return cast === identityCast ? arg.evaluate : (row) => cast(arg.evaluate(row));
  });
  const evaluate = (row: readonly unknown[]): readonly unknown[] | null => {
    const values = evaluators.map((evaluator) => evaluator(row));
    if (values.some((value) => value === null || value === undefined)) return null;
    return implementation(...values);
  };
  return { type: resolved.returnType, evaluate };
}
