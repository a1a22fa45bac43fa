// LIKE: % and _ wildcards, ESCAPE, regex metacharacters taken literally, null handling.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { likePatternToRegExp } from '../../../src/planner/expression/like.js';
import { col, contextOf, int, like, nul, str, SqlTypes } from '../ast-builders.js';

// Row layout: S STRING, P STRING (a pattern read from the row)
const context = contextOf({ S: SqlTypes.STRING, P: SqlTypes.STRING });

function matches(expression: Expression, text: string | null, pattern: string | null = null): unknown {
  return compileExpression(expression, context).evaluate([text, pattern]);
}

describe('LIKE', () => {
  it('matches % as any run and _ as one character', () => {
    expect(matches(like(col('S'), str('f%')), 'foo')).toBe(true);
    expect(matches(like(col('S'), str('f%')), 'bar')).toBe(false);
    expect(matches(like(col('S'), str('%_9')), 'state_9')).toBe(true);
    expect(matches(like(col('S'), str('_')), 'ab')).toBe(false);
    expect(matches(like(col('S'), str('%hi%')), 'this')).toBe(true);
  });

  it('matches a pattern without wildcards exactly, across newlines with %', () => {
    expect(matches(like(col('S'), str('f')), 'f')).toBe(true);
    expect(matches(like(col('S'), str('f')), 'fo')).toBe(false);
    expect(matches(like(col('S'), str('a%b')), 'a\nb')).toBe(true);
  });

  it('takes regex metacharacters literally', () => {
    expect(matches(like(col('S'), str('a.c')), 'abc')).toBe(false);
    expect(matches(like(col('S'), str('(a)+[b]')), '(a)+[b]')).toBe(true);
  });

  it('honours an ESCAPE character', () => {
    expect(matches(like(col('S'), str('100!%'), '!'), '100%')).toBe(true);
    expect(matches(like(col('S'), str('100!%'), '!'), '1000')).toBe(false);
    expect(matches(like(col('S'), str('a!_b'), '!'), 'a_b')).toBe(true);
    expect(matches(like(col('S'), str('a!!b'), '!'), 'a!b')).toBe(true);
    expect(likePatternToRegExp('x$%', '$').test('x%')).toBe(true);
  });

  it('negates with NOT LIKE and keeps null', () => {
    expect(matches(like(col('S'), str('%not%'), undefined, true), 'is not here')).toBe(false);
    expect(matches(like(col('S'), str('%not%'), undefined, true), 'fine')).toBe(true);
    expect(matches(like(col('S'), str('%')), null)).toBeNull();
    expect(matches(like(col('S'), nul()), 'x')).toBeNull();
  });

  it('compiles a pattern read from the row per record', () => {
    expect(matches(like(col('S'), col('P')), 'abc', 'a%')).toBe(true);
    expect(matches(like(col('S'), col('P')), 'abc', null)).toBeNull();
  });

  it('rejects non-STRING operands and multi-character escapes', () => {
    expect(() => compileExpression(like(int('1'), str('1')), context)).toThrow(/STRING operands/);
    expect(() => compileExpression(like(col('S'), str('x'), '!!'), context)).toThrow(/single character/);
  });
});
