// Comparisons: numeric widening, literal coercion, null semantics, BETWEEN, IN and IS DISTINCT FROM.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { compileExpression } from '../../../src/planner/expression/index.js';
import type { Expression } from '../../../src/parser/ast.js';
import {
  array,
  between,
  bool,
  cast,
  cmp,
  col,
  contextOf,
  dec,
  distinct,
  inList,
  int,
  map,
  nul,
  str,
  struct,
  SqlTypes,
  typeNode,
} from '../ast-builders.js';

const { INTEGER, BIGINT, DOUBLE, STRING, BOOLEAN } = SqlTypes;
// Row layout: I INTEGER, B BIGINT, D DOUBLE, M DECIMAL(4,2), S STRING, T BOOLEAN, A ARRAY<BIGINT>, R STRUCT<A BIGINT, B BIGINT>
const columns = {
  I: INTEGER,
  B: BIGINT,
  D: DOUBLE,
  M: SqlTypes.decimal(4, 2),
  S: STRING,
  T: BOOLEAN,
  A: SqlTypes.array(BIGINT),
  R: SqlTypes.struct([
    { name: 'A', type: BIGINT },
    { name: 'B', type: BIGINT },
  ]),
};
const context = contextOf(columns);

function row(values: Partial<Record<keyof typeof columns, unknown>>): unknown[] {
  return Object.keys(columns).map((name) => values[name as keyof typeof columns] ?? null);
}

function evaluate(expression: Expression, values: Partial<Record<keyof typeof columns, unknown>>): unknown {
  return compileExpression(expression, context).evaluate(row(values));
}

describe('comparison operators', () => {
  it('compares across numeric types by value', () => {
    expect(evaluate(cmp(col('I'), '=', col('B')), { I: 10, B: 10n })).toBe(true);
    expect(evaluate(cmp(col('I'), '<', col('D')), { I: 10, D: 10.5 })).toBe(true);
    expect(evaluate(cmp(col('M'), '=', col('I')), { M: Decimal.parse('10.00'), I: 10 })).toBe(true);
    expect(evaluate(cmp(col('M'), '>=', col('D')), { M: Decimal.parse('11.01'), D: 11.02 })).toBe(false);
    expect(evaluate(cmp(col('B'), '<>', int('4294967296')), { B: 4294967296n })).toBe(false);
  });

  it('gives null when either side is null', () => {
    expect(evaluate(cmp(col('I'), '=', col('B')), { I: null, B: 1n })).toBeNull();
    expect(evaluate(cmp(col('I'), '>', nul()), { I: 1 })).toBeNull();
  });

  it('orders strings and booleans', () => {
    expect(evaluate(cmp(str('b'), '>', str('a')), {})).toBe(true);
    expect(evaluate(cmp(col('T'), '<', bool(true)), { T: false })).toBe(true);
  });

  it("converts a string literal to a timestamp when compared with ROWTIME's BIGINT", () => {
    const expression = cmp(col('B'), '>', str('2018-01-01T00:00:00.001'));
    expect(evaluate(expression, { B: 1514764800002n })).toBe(true);
    expect(evaluate(expression, { B: 1514764800001n })).toBe(false);
  });

  it('rejects comparing incompatible types, naming both', () => {
    expect(() => compileExpression(cmp(col('S'), '=', col('I')), context)).toThrow('Cannot compare STRING to INTEGER');
    expect(() => compileExpression(cmp(col('A'), '<', col('A')), context)).toThrow(/only = and <> apply/);
  });
});

describe('IS [NOT] DISTINCT FROM', () => {
  it('treats nulls as equal values', () => {
    expect(evaluate(distinct(col('I'), col('B')), { I: null, B: null })).toBe(false);
    expect(evaluate(distinct(col('I'), col('B')), { I: 1, B: null })).toBe(true);
    expect(evaluate(distinct(col('I'), col('B'), true), { I: 1, B: 1n })).toBe(true);
  });
});

describe('BETWEEN', () => {
  it('includes both bounds and follows AND null rules', () => {
    expect(evaluate(between(col('B'), int('1'), int('3')), { B: 3n })).toBe(true);
    expect(evaluate(between(col('B'), int('1'), int('3')), { B: 4n })).toBe(false);
    expect(evaluate(between(col('B'), int('1'), int('3'), true), { B: 4n })).toBe(true);
    expect(evaluate(between(col('B'), int('5'), nul()), { B: 4n })).toBe(false);
    expect(evaluate(between(col('B'), int('1'), nul()), { B: 4n })).toBeNull();
    expect(evaluate(between(str('b'), str('a'), str('c')), {})).toBe(true);
    expect(evaluate(between(nul(), int('1'), int('3')), {})).toBeNull();
  });

  it('widens each bound separately', () => {
    // B BETWEEN 1.5 AND 3: DECIMAL against the lower bound, BIGINT against the upper
    const expression = between(col('B'), dec('1.5'), int('3'));
    expect([1n, 2n, 3n, 4n].map((value) => evaluate(expression, { B: value }))).toEqual([false, true, true, false]);
  });
});

describe('IN', () => {
  it('matches by exact numeric value across types', () => {
    // VAL0 IN (1, 2.0, 3.00, '4.000', 5.10)
    const expression = inList(col('I'), [int('1'), dec('2.0'), dec('3.00'), str('4.000'), dec('5.10')]);
    expect([1, 2, 3, 4, 5, 6].map((value) => evaluate(expression, { I: value }))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('keeps a string literal beyond INTEGER range exact instead of wrapping it', () => {
    expect(evaluate(inList(col('I'), [int('1'), str('2147483648')]), { I: -2147483648 })).toBe(false);
  });

  it('is null when nothing matches and something was null', () => {
    const expression = inList(col('I'), [int('11'), nul(), col('B')]);
    expect(evaluate(expression, { I: 11 })).toBe(true);
    expect(evaluate(expression, { I: 19, B: 10n })).toBeNull();
    expect(evaluate(expression, { I: null, B: 10n })).toBeNull();
    expect(evaluate(inList(col('I'), [int('11'), int('20')], true), { I: 12 })).toBe(true);
    expect(evaluate(inList(col('I'), [int('11'), int('20')], true), { I: 11 })).toBe(false);
  });

  it('coerces literals to the tested type: booleans from text, text from numbers', () => {
    const booleans = inList(col('T'), [str('tr'), str('Y')]);
    expect(evaluate(booleans, { T: true })).toBe(true);
    expect(evaluate(booleans, { T: false })).toBe(false);
    const strings = inList(col('S'), [bool(true), int('10'), dec('10.30')]);
    expect(['true', '10', '10.30', '10.3'].map((value) => evaluate(strings, { S: value }))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('compares collections deeply, coercing constant elements', () => {
    const arrays = inList(col('A'), [array(int('1'), int('2')), array(str('3'), nul())]);
    expect(evaluate(arrays, { A: [1n, 2n] })).toBe(true);
    expect(evaluate(arrays, { A: [3n, null] })).toBe(true);
    expect(evaluate(arrays, { A: [1n] })).toBe(false);
    // STRUCT(A:=3,B:=2,C:=4) has a field the column lacks: it never matches; missing fields are null.
    const structs = inList(col('R'), [
      struct(['A', int('3')], ['B', int('2')], ['C', int('4')]),
      struct(['B', int('2')], ['A', int('4')]),
      struct(['A', int('5')]),
    ]);
    expect(evaluate(structs, { R: { A: 3n, B: 2n } })).toBe(false);
    expect(evaluate(structs, { R: { A: 4n, B: 2n } })).toBe(true);
    expect(evaluate(structs, { R: { A: 5n, B: null } })).toBe(true);
    const castNull = inList(col('S'), [cast(nul(), typeNode.string)]);
    expect(evaluate(castNull, { S: 'x' })).toBeNull();
    expect(() => compileExpression(inList(col('A'), [map([str('a'), int('1')])]), context)).toThrow(
      "operator does not exist: ARRAY<BIGINT> = MAP<STRING, INTEGER> (MAP('a':=1))",
    );
  });

  it('reports incompatible items with ksqlDB wording', () => {
    expect(() => compileExpression(inList(col('T'), [bool(true), int('10')]), context)).toThrow(
      'operator does not exist: BOOLEAN = INTEGER (10)\nHint: You might need to add explicit type casts.',
    );
    expect(() => compileExpression(inList(col('I'), [int('10'), str('10 - not a number')]), context)).toThrow(
      'invalid input syntax for type INTEGER: "10 - not a number".',
    );
    expect(() => compileExpression(inList(col('A'), [array(col('T'))]), context)).toThrow(
      'operator does not exist: ARRAY<BIGINT> = ARRAY<BOOLEAN> (ARRAY[T])',
    );
    expect(() => compileExpression(inList(col('T'), [str('Not a boolean')]), context)).toThrow(
      'invalid input syntax for type BOOLEAN: "Not a boolean".',
    );
  });

  it('names the common type of the value and the earlier items, as ksqlDB does', () => {
    // M IN (10, true): DECIMAL(4, 2) widened by INTEGER 10 is DECIMAL(12, 2)
    expect(() => compileExpression(inList(col('M'), [int('10'), bool(true)]), context)).toThrow(
      'operator does not exist: DECIMAL(12, 2) = BOOLEAN (true)',
    );
    expect(() => compileExpression(inList(col('M'), [int('10'), col('S')]), context)).toThrow(
      'operator does not exist: DECIMAL(12, 2) = STRING (S)',
    );
    // A text constant parsed to the value's type does not widen it.
    expect(() => compileExpression(inList(col('I'), [str('4.000'), bool(true)]), context)).toThrow(
      'operator does not exist: INTEGER = BOOLEAN (true)',
    );
  });
});
