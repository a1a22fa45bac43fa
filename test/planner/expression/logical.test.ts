// Three-valued logic: AND, OR, NOT, IS [NOT] NULL over true, false and null.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { PlanError } from '../../../src/planner/plan-error.js';
import { and, col, contextOf, int, isNull, not, or, SqlTypes } from '../ast-builders.js';

// Columns: L BOOLEAN, R BOOLEAN; each case sets (L, R).
const context = contextOf({ L: SqlTypes.BOOLEAN, R: SqlTypes.BOOLEAN });
const values = [true, false, null] as const;

function evaluate(expression: ReturnType<typeof and>, left: boolean | null, right: boolean | null): unknown {
  return compileExpression(expression, context).evaluate([left, right]);
}

describe('AND / OR truth tables', () => {
  //        AND   | true  false null        OR    | true false null
  //        true  | true  false null        true  | true true  true
  //        false | false false false       false | true false null
  //        null  | null  false null        null  | true null  null
  const andTable = [
    [true, false, null],
    [false, false, false],
    [null, false, null],
  ];
  const orTable = [
    [true, true, true],
    [true, false, null],
    [true, null, null],
  ];
  for (const [leftIndex, left] of values.entries()) {
    for (const [rightIndex, right] of values.entries()) {
      it(`${left} AND ${right} is ${andTable[leftIndex]![rightIndex]}`, () => {
        expect(evaluate(and(col('L'), col('R')), left, right)).toBe(andTable[leftIndex]![rightIndex]);
      });
      it(`${left} OR ${right} is ${orTable[leftIndex]![rightIndex]}`, () => {
        expect(evaluate(or(col('L'), col('R')), left, right)).toBe(orTable[leftIndex]![rightIndex]);
      });
    }
  }
});

describe('NOT and IS NULL', () => {
  it('negates, keeping null', () => {
    expect(evaluate(not(col('L')), true, null)).toBe(false);
    expect(evaluate(not(col('L')), false, null)).toBe(true);
    expect(evaluate(not(col('L')), null, null)).toBeNull();
  });

  it('tests for null without ever returning null', () => {
    expect(evaluate(isNull(col('L')), null, null)).toBe(true);
    expect(evaluate(isNull(col('L')), false, null)).toBe(false);
    expect(evaluate(isNull(col('L'), true), false, null)).toBe(true);
  });

  it('rejects non-BOOLEAN operands, naming the type', () => {
    expect(() => compileExpression(and(col('L'), int('1')), context)).toThrow(PlanError);
    expect(() => compileExpression(not(int('1')), context)).toThrow(/is INTEGER, but .* needs BOOLEAN/);
  });
});
