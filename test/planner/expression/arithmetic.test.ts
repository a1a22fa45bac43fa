// Arithmetic: Java integer wrap-around, bigint, double division, exact DECIMAL results, string + and ||.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { Decimal } from '../../../src/planner/decimal.js';
import { compileExpression, EvaluationError } from '../../../src/planner/expression/index.js';
import { formatType } from '../../../src/planner/types.js';
import { arith, col, concat, contextOf, dbl, dec, int, neg, nul, str, SqlTypes } from '../ast-builders.js';

// Row layout: I INTEGER, B BIGINT, D DOUBLE, M DECIMAL(4,2), S STRING
const context = contextOf({
  I: SqlTypes.INTEGER,
  B: SqlTypes.BIGINT,
  D: SqlTypes.DOUBLE,
  M: SqlTypes.decimal(4, 2),
  S: SqlTypes.STRING,
});

function compile(expression: Expression) {
  return compileExpression(expression, context);
}

function evaluate(expression: Expression, row: unknown[] = []): unknown {
  return compile(expression).evaluate(row);
}

describe('INTEGER arithmetic', () => {
  it('respects precedence as built and truncates division', () => {
    expect(evaluate(arith(arith(int('2'), '*', int('3')), '+', int('4')))).toBe(10);
    expect(evaluate(arith(int('7'), '/', int('2')))).toBe(3);
    expect(evaluate(arith(int('-7'), '/', int('2')))).toBe(-3);
    expect(evaluate(arith(int('-7'), '%', int('3')))).toBe(-1);
  });

  it('wraps on overflow like Java int', () => {
    expect(evaluate(arith(col('I'), '+', int('1')), [2147483647])).toBe(-2147483648);
    expect(evaluate(arith(col('I'), '*', int('2')), [2147483647])).toBe(-2);
    expect(evaluate(neg(col('I')), [-2147483648])).toBe(-2147483648);
  });

  it('leaves a failing constant to fail per record rather than at plan time', () => {
    const compiled = compile(arith(col('B'), '+', arith(int('1'), '/', int('0'))));
    expect(() => compiled.evaluate([null, 1n])).toThrow(EvaluationError);
  });

  it('fails the record on division by zero', () => {
    expect(() => evaluate(arith(col('I'), '/', int('0')), [1])).toThrow(EvaluationError);
    expect(() => evaluate(arith(col('I'), '%', int('0')), [1])).toThrow(EvaluationError);
  });
});

describe('BIGINT arithmetic', () => {
  it('widens INTEGER operands and wraps at 64 bits', () => {
    const sum = compile(arith(col('I'), '+', col('B')));
    expect(sum.type).toEqual(SqlTypes.BIGINT);
    expect(sum.evaluate([1, 9223372036854775807n])).toBe(-9223372036854775808n);
    expect(evaluate(arith(col('B'), '/', int('2')), [null, 7n])).toBe(3n);
    expect(() => evaluate(arith(col('B'), '/', int('0')), [null, 7n])).toThrow(EvaluationError);
  });
});

describe('DOUBLE arithmetic', () => {
  it('follows IEEE 754 for division by zero', () => {
    expect(evaluate(arith(col('D'), '/', int('0')), [null, null, 1.5])).toBe(Infinity);
    expect(evaluate(arith(col('D'), '/', int('0')), [null, null, 0])).toBeNaN();
    expect(evaluate(arith(col('D'), '-', col('D')), [null, null, 3.3])).toBe(0);
  });
});

describe('DECIMAL arithmetic', () => {
  const m = Decimal.parse('10.25');

  it.each([
    ['+', 'DECIMAL(13, 2)', '13.25'],
    ['-', 'DECIMAL(13, 2)', '7.25'],
    ['*', 'DECIMAL(15, 2)', '30.75'],
    ['/', 'DECIMAL(15, 13)', '3.4166666666667'],
    ['%', 'DECIMAL(4, 2)', '1.25'],
  ] as const)('M %s 3 is %s %s', (operator, type, value) => {
    const compiled = compile(arith(col('M'), operator, int('3')));
    expect(formatType(compiled.type)).toBe(type);
    expect(String(compiled.evaluate([null, null, null, m]))).toBe(value);
  });

  it('adds decimal literals exactly and mixes with DOUBLE as DOUBLE', () => {
    expect(String(evaluate(arith(dec('0.1'), '+', dec('0.2'))))).toBe('0.3');
    const mixed = compile(arith(col('M'), '*', dbl('2E0')));
    expect(mixed.type).toEqual(SqlTypes.DOUBLE);
    expect(mixed.evaluate([null, null, null, m])).toBe(20.5);
  });

  it('fails the record on DECIMAL division by zero', () => {
    expect(() => evaluate(arith(col('M'), '/', dec('0.0')), [null, null, null, m])).toThrow(EvaluationError);
  });
});

describe('nulls, strings and errors', () => {
  it('gives null when an operand is null', () => {
    expect(evaluate(arith(col('I'), '+', int('1')), [null])).toBeNull();
    expect(compile(arith(col('I'), '+', nul())).type).toEqual(SqlTypes.INTEGER);
  });

  it("concatenates strings with + and ||", () => {
    const row = [null, null, null, null, 's1'];
    expect(evaluate(arith(arith(str('prefix-'), '+', col('S')), '+', str('-postfix')), row)).toBe('prefix-s1-postfix');
    expect(evaluate(concat(col('S'), str('!')), row)).toBe('s1!');
    expect(evaluate(concat(col('S'), str('!')), [])).toBeNull();
  });

  it('rejects non-numeric operands naming both types', () => {
    expect(() => compile(arith(col('S'), '*', col('I')))).toThrow('Unsupported arithmetic types. STRING * INTEGER');
    expect(() => compile(neg(col('S')))).toThrow(/numeric operand/);
    expect(() => compile(concat(col('I'), str('x')))).toThrow(/STRING operands/);
  });

  it('folds a minus into numeric literals', () => {
    expect(compile(neg(int('2147483648'))).type).toEqual(SqlTypes.INTEGER);
    expect(evaluate(neg(int('9223372036854775808')))).toBe(-9223372036854775808n);
    expect(String(evaluate(neg(dec('1.50'))))).toBe('-1.50');
  });
});
