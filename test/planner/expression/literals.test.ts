// Literal typing: INTEGER vs BIGINT by range, DECIMAL precision from text, DOUBLE overflow, typed literals.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { formatType } from '../../../src/planner/types.js';
import { bool, contextOf, dbl, dec, int, neg, nul, str, typed, SqlTypes } from '../ast-builders.js';

const context = contextOf({});

function compile(expression: Expression) {
  return compileExpression(expression, context);
}

describe('literals', () => {
  it('types integers by range', () => {
    expect(compile(int('000002147483647')).type).toEqual(SqlTypes.INTEGER);
    expect(compile(int('000002147483647')).evaluate([])).toBe(2147483647);
    expect(compile(int('2147483648')).type).toEqual(SqlTypes.BIGINT);
    expect(compile(neg(int('00009223372036854775807'))).evaluate([])).toBe(-9223372036854775807n);
    expect(() => compile(int('9223372036854775808'))).toThrow('Invalid numeric literal: 9223372036854775808');
    expect(() => compile(neg(int('9223372036854775809')))).toThrow('Invalid numeric literal: -9223372036854775809');
  });

  it('types decimals from their digits', () => {
    expect(formatType(compile(dec('2.345')).type)).toBe('DECIMAL(4, 3)');
    expect(formatType(compile(dec('0.01')).type)).toBe('DECIMAL(2, 2)');
    expect(formatType(compile(dec('10.30')).type)).toBe('DECIMAL(4, 2)');
    expect(String(compile(dec('10.30')).evaluate([]))).toBe('10.30');
  });

  it('types doubles and rejects overflow', () => {
    expect(compile(dbl('04.90E-324')).evaluate([])).toBe(4.9e-324);
    expect(compile(neg(dbl('1.7976931348623157E308'))).evaluate([])).toBe(-1.7976931348623157e308);
    expect(() => compile(dbl('1.7976931348623159E308'))).toThrow('Number overflows DOUBLE: 1.7976931348623159E308');
  });

  it('parses typed temporal literals', () => {
    expect(compile(typed('DATE', '2020-01-01')).evaluate([])).toBe(18262);
    expect(compile(typed('TIME', '09:16:00')).evaluate([])).toBe(33360000);
    expect(compile(typed('TIMESTAMP', '2022-04-28T21:44:47.943')).evaluate([])).toBe(1651182287943);
    expect(() => compile(typed('DATE', 'soon'))).toThrow('invalid input syntax for type DATE: "soon".');
    expect(() => compile(typed('COLOUR', 'red'))).toThrow(/Unsupported literal type/);
  });

  it('types booleans and strings, and refuses an untyped top-level NULL', () => {
    expect(compile(bool(false)).evaluate([])).toBe(false);
    expect(compile(str("it's")).evaluate([])).toBe("it's");
    expect(() => compile(nul())).toThrow(/Can't infer a type of null/);
  });
});
