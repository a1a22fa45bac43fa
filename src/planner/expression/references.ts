// Column references and lambda variables: resolved to a row index or a lambda cell at plan time.
import type { ColumnRef, LambdaVariable } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { closestName } from './closest-name.js';
import type { Compiled, CompileState } from './scope.js';

export function compileColumnRef(node: ColumnRef, state: CompileState): Compiled {
  const binding = state.context.scope.resolve(node.source, node.name, node.span);
  if (binding === undefined) throw unresolvedColumn(node, state);
  const index = binding.index;
  return { type: binding.type, evaluate: (row) => row[index] ?? null, constant: false };
}

/** ksqlDB's "WHERE column 'BOB' cannot be resolved.", with the nearest visible name when one is close. */
function unresolvedColumn(node: ColumnRef, state: CompileState): PlanError {
  const written = node.source === undefined ? node.name : `${node.source}.${node.name}`;
  const clause = state.context.clause;
  const subject = clause === undefined ? 'Column' : `${clause} column`;
  const suggestion = closestName(node.name, state.context.scope.names());
  const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  return new PlanError(`${subject} '${written}' cannot be resolved.${hint}`, node.span);
}

export function compileLambdaVariable(node: LambdaVariable, state: CompileState): Compiled {
  const cell = state.lambdaVariables.get(node.name);
  if (cell === undefined) throw new PlanError(`Lambda variable '${node.name}' is not in scope`, node.span);
  return { type: cell.type, evaluate: () => cell.value, constant: false };
}
