// Function calls: resolution, widening casts, the null short-circuit, lambdas and time units.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { compileExpression, EvaluationError } from '../../../src/planner/expression/index.js';
import { formatType } from '../../../src/planner/types.js';
import { arith, call, col, contextOf, dbl, int, lambda, lambdaVar, nul, str, typed, SqlTypes } from '../ast-builders.js';
import { testRegistry } from '../test-functions.js';

// Row layout: I INTEGER, B BIGINT, A ARRAY<INTEGER>, S STRING
const context = contextOf(
  { I: SqlTypes.INTEGER, B: SqlTypes.BIGINT, A: SqlTypes.array(SqlTypes.INTEGER), S: SqlTypes.STRING },
  testRegistry(),
);

function compile(expression: Expression) {
  return compileExpression(expression, context);
}

describe('scalar calls', () => {
  it('calls the implementation and short-circuits null arguments', () => {
    expect(compile(call('ADD_ONE', col('I'))).evaluate([41])).toBe(42);
    expect(compile(call('ADD_ONE', col('I'))).evaluate([null])).toBeNull();
  });

  it('passes nulls to functions that handle them, binding generics', () => {
    const compiled = compile(call('IFNULL', col('S'), str('default')));
    expect(compiled.type).toEqual(SqlTypes.STRING);
    expect(compiled.evaluate([null, null, null, null])).toBe('default');
  });

  it('widens arguments to a bound generic type', () => {
    const compiled = compile(call('IFNULL', col('I'), col('B')));
    expect(compiled.type).toEqual(SqlTypes.BIGINT);
    expect(compiled.evaluate([null, 7n])).toBe(7n);
    expect(compiled.evaluate([3, 7n])).toBe(3n);
  });

  it('prefers the overload taking the arguments as they are', () => {
    const compiled = compile(call('GREATEST', col('I'), int('5'), nul()));
    expect(compiled.type).toEqual(SqlTypes.INTEGER);
    expect(compiled.evaluate([9])).toBe(9);
    expect(compile(call('GREATEST', col('I'), col('B'), dbl('1E0'))).type).toEqual(SqlTypes.DOUBLE);
  });

  it('short-circuits and guards two-argument calls', () => {
    const divide = compile(call('CHECKED_DIVIDE', col('I'), int('2')));
    expect(divide.evaluate([9])).toBe(4);
    expect(divide.evaluate([null])).toBeNull();
    expect(() => compile(call('CHECKED_DIVIDE', col('I'), int('0'))).evaluate([9])).toThrow(
      'Error computing CHECKED_DIVIDE: divisor is zero',
    );
    expect(compile(call('TRANSFORM', col('A'), lambda(['X'], lambdaVar('X')))).evaluate([null, null, null])).toBeNull();
  });

  it('turns implementation failures into evaluation errors naming the function', () => {
    expect(() => compile(call('BOOM')).evaluate([])).toThrow(EvaluationError);
    expect(() => compile(call('BOOM')).evaluate([])).toThrow('Error computing BOOM: kaboom');
  });

  it('rejects aggregate and table functions outside their planners', () => {
    expect(() => compile(call('COUNT', col('I')))).toThrow('aggregate function COUNT is not allowed here');
    expect(() => compile(call('EXPLODE', col('A')))).toThrow('table function EXPLODE is not allowed here');
  });

  it('reads string literals as the temporal type of the other arguments when nothing else fits', () => {
    // LATEST_DATE(DATE '2020-01-01', '2022-06-14') → 2022-06-14 (19157 days)
    const compiled = compile(call('LATEST_DATE', typed('DATE', '2020-01-01'), str('2022-06-14')));
    expect(compiled.type).toEqual(SqlTypes.DATE);
    expect(compiled.evaluate([])).toBe(19157);
    expect(() => compile(call('LATEST_DATE', typed('DATE', '2020-01-01'), str('soon')))).toThrow(
      "Function 'latest_date' does not accept parameters (DATE, STRING).",
    );
  });

  it('passes a bare time unit as its name', () => {
    const unit: Expression = { kind: 'IntervalUnitArg', unit: 'SECONDS', span: { start: 0, end: 1, line: 1, column: 1 } };
    expect(compile(call('UNIT_NAME', unit)).evaluate([])).toBe('SECONDS');
  });
});

describe('lambdas', () => {
  it('compiles the body with the element type and types the result', () => {
    const compiled = compile(call('TRANSFORM', col('A'), lambda(['X'], arith(lambdaVar('X'), '*', col('I')))));
    expect(formatType(compiled.type)).toBe('ARRAY<INTEGER>');
    expect(compiled.evaluate([10, null, [1, 2, 3]])).toEqual([10, 20, 30]);
    const toText = compile(call('TRANSFORM', col('A'), lambda(['X'], str('x'))));
    expect(formatType(toText.type)).toBe('ARRAY<STRING>');
  });

  it('supports two parameters and nested lambdas', () => {
    const sum = compile(call('REDUCE', col('A'), int('0'), lambda(['S', 'X'], arith(lambdaVar('S'), '+', lambdaVar('X')))));
    expect(sum.evaluate([null, null, [1, 2, 3]])).toBe(6);
    // TRANSFORM(A, x => REDUCE(A, 0, (s, y) => s + x * y))
    const nested = compile(
      call(
        'TRANSFORM',
        col('A'),
        lambda(['X'], call('REDUCE', col('A'), int('0'), lambda(['S', 'Y'], arith(lambdaVar('S'), '+', arith(lambdaVar('X'), '*', lambdaVar('Y')))))),
      ),
    );
    expect(nested.evaluate([null, null, [1, 2]])).toEqual([3, 6]);
  });

  it('reports type errors inside the body', () => {
    expect(() => compile(call('TRANSFORM', col('A'), lambda(['X'], arith(lambdaVar('X'), '+', col('S')))))).toThrow(
      /Unsupported arithmetic types. INTEGER \+ STRING/,
    );
    expect(() => compile(lambda(['X'], lambdaVar('X')))).toThrow(/only allowed as a function argument/);
  });
});
