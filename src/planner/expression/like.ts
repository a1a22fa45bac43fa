// [NOT] LIKE with `%`, `_` and an optional ESCAPE character; a constant pattern becomes one RegExp at plan time.
import type { Like } from '../../parser/ast.js';
import { PlanError } from '../plan-error.js';
import { formatType, SqlTypes } from '../types.js';
import { formatExpression } from './format-expression.js';
import type { Compiled, CompileState } from './scope.js';

/** `a%b_c` → /^a.*b.c$/s; the escape character makes the next `%`, `_` or itself literal. */
export function likePatternToRegExp(pattern: string, escape: string | undefined): RegExp {
  let source = '';
  for (let position = 0; position < pattern.length; position++) {
    const character = pattern[position]!;
    if (character === escape && position + 1 < pattern.length) {
      position++;
      source += escapeRegExp(pattern[position]!);
    } else if (character === '%') source += '.*';
    else if (character === '_') source += '.';
    else source += escapeRegExp(character);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(character: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(character) ? `\\${character}` : character;
}

export function compileLike(node: Like, state: CompileState): Compiled {
  if (node.escape !== undefined && node.escape.length !== 1) {
    throw new PlanError(`ESCAPE must be a single character, got '${node.escape}'`, node.span);
  }
  const value = state.compile(node.value, state);
  const pattern = state.compile(node.pattern, state);
  for (const operand of [value, pattern]) {
    if (operand.type !== null && operand.type.kind !== 'STRING') {
      throw new PlanError(`LIKE needs STRING operands, got ${formatType(operand.type)}: ${formatExpression(node)}`, node.span);
    }
  }
  const matches = pattern.constant ? constantMatcher(pattern.evaluate([]), node.escape) : undefined;
  const negated = node.negated;
  const evaluateValue = value.evaluate;
  const evaluatePattern = pattern.evaluate;
  const escape = node.escape;
  return {
    type: SqlTypes.BOOLEAN,
    constant: false,
    evaluate: (row) => {
      const text = evaluateValue(row);
      if (text === null) return null;
      if (matches !== undefined) return matches(text as string) !== negated;
      const patternText = evaluatePattern(row);
      if (patternText === null) return null;
      return likePatternToRegExp(patternText as string, escape).test(text as string) !== negated;
    },
  };
}

/** The matcher of a constant pattern, or one that always answers null for a NULL pattern. */
function constantMatcher(pattern: unknown, escape: string | undefined): ((text: string) => boolean) | undefined {
  if (pattern === null) return undefined;
  const regExp = likePatternToRegExp(pattern as string, escape);
  return (text) => regExp.test(text);
}
