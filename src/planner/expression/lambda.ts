// Lambdas (`x => x + 1`): the body is compiled in a nested scope of lambda cells and handed to functions as a JS function.
import type { Lambda } from '../../parser/ast.js';
import type { LambdaArgument } from '../functions/registry.js';
import { formatType, type SqlType } from '../types.js';
import { castTo } from './operand-coercion.js';
import type { Compiled, CompileState, Evaluator, LambdaCell } from './scope.js';

interface CompiledLambda {
  readonly cells: readonly LambdaCell[];
  readonly body: Compiled;
}

/** A lambda argument for overload resolution, and the bodies it compiled, by parameter types. */
export interface PendingLambda {
  readonly argument: LambdaArgument;
  /** The evaluator producing the JS function for the parameter types resolution chose. */
  evaluatorFor(paramTypes: readonly SqlType[], resultType: SqlType): Evaluator;
}

export function prepareLambda(node: Lambda, state: CompileState): PendingLambda {
  const compiledByTypes = new Map<string, CompiledLambda>();
  const compileFor = (paramTypes: readonly SqlType[]): CompiledLambda => {
    const key = paramTypes.map(formatType).join(',');
    const cached = compiledByTypes.get(key);
    if (cached !== undefined) return cached;
    const compiled = compileLambdaBody(node, paramTypes, state);
    compiledByTypes.set(key, compiled);
    return compiled;
  };
  return {
    argument: { kind: 'lambda', arity: node.params.length, bodyType: (paramTypes) => compileFor(paramTypes).body.type },
    evaluatorFor: (paramTypes, resultType) => {
      const { cells, body } = compileFor(paramTypes);
      return lambdaEvaluator(cells, castTo(body, resultType));
    },
  };
}

function compileLambdaBody(node: Lambda, paramTypes: readonly SqlType[], state: CompileState): CompiledLambda {
  const variables = new Map(state.lambdaVariables);
  const cells = node.params.map((name, position) => {
    const cell: LambdaCell = { type: paramTypes[position]!, value: null };
    variables.set(name, cell);
    return cell;
  });
  const body = state.compile(node.body, { ...state, lambdaVariables: variables });
  return { cells, body };
}

/**
 * Per record, builds the JS function a lambda-taking function calls: it writes its arguments
 * into the cells the body reads, then evaluates the body against the current row.
 */
function lambdaEvaluator(cells: readonly LambdaCell[], body: Evaluator): Evaluator {
  if (cells.length === 1) {
    const cell = cells[0]!;
    return (row) => (value: unknown) => {
      cell.value = value ?? null;
      return body(row);
    };
  }
  return (row) =>
    (...values: unknown[]) => {
      for (let position = 0; position < cells.length; position++) cells[position]!.value = values[position] ?? null;
      return body(row);
    };
}
