// Constructors, subscripts and dereference: typing, literal coercion, null-safety and errors.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { formatType } from '../../../src/planner/types.js';
import { arith, array, bool, cast, col, contextOf, deref, int, map, neg, nul, str, struct, subscript, SqlTypes, typeNode } from '../ast-builders.js';

const { INTEGER, BIGINT, STRING, BOOLEAN } = SqlTypes;
// Row layout: A ARRAY<ARRAY<INTEGER>>, M MAP<STRING, STRING>, S STRUCT<NAME STRING, CATEGORY STRUCT<ID BIGINT>>, K STRING, V BOOLEAN, N INTEGER
const columns = {
  A: SqlTypes.array(SqlTypes.array(INTEGER)),
  M: SqlTypes.map(STRING, STRING),
  S: SqlTypes.struct([
    { name: 'NAME', type: STRING },
    { name: 'CATEGORY', type: SqlTypes.struct([{ name: 'ID', type: BIGINT }]) },
  ]),
  K: STRING,
  V: BOOLEAN,
  N: INTEGER,
};
const context = contextOf(columns);

function compile(expression: Expression) {
  return compileExpression(expression, context);
}

function evaluate(expression: Expression, values: Partial<Record<keyof typeof columns, unknown>>): unknown {
  const row = Object.keys(columns).map((name) => values[name as keyof typeof columns] ?? null);
  return compile(expression).evaluate(row);
}

describe('ARRAY constructor', () => {
  it('types elements to their common type', () => {
    const compiled = compile(array(int('1'), int('123456789000'), nul()));
    expect(compiled.type).toEqual(SqlTypes.array(BIGINT));
    expect(compiled.evaluate([])).toEqual([1n, 123456789000n, null]);
  });

  it('nulls an element that fails to evaluate and keeps its siblings', () => {
    // ARRAY[N, N / 0, 7]
    expect(evaluate(array(col('N'), arith(col('N'), '/', int('0')), int('7')), { N: 44 })).toEqual([44, null, 7]);
  });

  it('rejects empty, all-NULL and mismatching arrays', () => {
    expect(() => compile(array())).toThrow(/cannot be empty/);
    expect(() => compile(array(nul()))).toThrow('Cannot construct an array with all NULL elements');
    expect(() => compile(array(col('V'), col('N')))).toThrow(/mismatching types: BOOLEAN, INTEGER/);
  });
});

describe('MAP constructor', () => {
  it('builds a Map per record, coercing literals to the typed entries', () => {
    // MAP(k1 := v1, K := 'true', 10 := 'no') with a BOOLEAN v1
    const compiled = compile(map([str('a'), col('V')], [col('K'), str('true')], [int('10'), str('no')]));
    expect(formatType(compiled.type)).toBe('MAP<STRING, BOOLEAN>');
    const row = Object.keys(columns).map((name) => ({ K: 'b', V: false })[name] ?? null);
    expect(compiled.evaluate(row)).toEqual(new Map<unknown, unknown>([['a', false], ['b', true], ['10', false]]));
  });

  it('nulls a key or value that fails to evaluate', () => {
    const failing = arith(col('N'), '/', int('0'));
    expect(evaluate(map([str('a'), failing], [str('b'), col('N')]), { N: 3 })).toEqual(
      new Map<unknown, unknown>([['a', null], ['b', 3]]),
    );
  });

  it('keeps null keys and values when some entries are typed', () => {
    expect(evaluate(map([col('K'), col('N')], [nul(), col('N')]), { K: 'foo', N: 10 })).toEqual(
      new Map<unknown, unknown>([['foo', 10], [null, 10]]),
    );
  });

  it('rejects empty maps, all-NULL keys or values, and unparsable literals', () => {
    expect(() => compile(map())).toThrow(/Map constructor cannot be empty/);
    expect(() => compile(map([nul(), col('N')]))).toThrow('Cannot construct a map with all NULL keys');
    expect(() => compile(map([col('K'), nul()]))).toThrow('Cannot construct a map with all NULL values');
    expect(() => compile(map([col('K'), col('N')], [str('x'), str('hello')]))).toThrow(
      'invalid input syntax for type INTEGER: "hello".',
    );
  });
});

describe('STRUCT constructor', () => {
  it('builds a struct with the fields in order', () => {
    const compiled = compile(struct(['F1', col('K')], ['F2', struct(['C1', cast(nul(), typeNode.int)])]));
    expect(formatType(compiled.type)).toBe('STRUCT<`F1` STRING, `F2` STRUCT<`C1` INTEGER>>');
    const row = Object.keys(columns).map((name) => (name === 'K' ? 'x' : null));
    expect(compiled.evaluate(row)).toEqual({ F1: 'x', F2: { C1: null } });
    expect(compile(struct()).evaluate([])).toEqual({});
  });

  it('nulls a field that fails to evaluate', () => {
    expect(evaluate(struct(['A', col('N')], ['B', arith(col('N'), '/', int('0'))]), { N: 5 })).toEqual({ A: 5, B: null });
  });

  it('rejects duplicate field names and untyped NULL fields', () => {
    expect(() => compile(struct(['FOO', col('K')], ['FOO', col('K')]))).toThrow('Duplicate field names found in STRUCT');
    expect(compile(struct(['FOO', col('K')], ['foo', col('K')])).type.kind).toBe('STRUCT');
    expect(() => compile(struct(['F', nul()]))).toThrow(/CAST\(NULL AS <type>\)/);
  });
});

describe('subscripts', () => {
  const nested = [
    [1, 2],
    [3, 4, 5],
  ];

  it('indexes arrays from 1, negative from the end, null out of range', () => {
    expect(evaluate(subscript(subscript(col('A'), int('1')), int('2')), { A: nested })).toBe(2);
    expect(evaluate(subscript(subscript(col('A'), neg(int('1'))), int('1')), { A: nested })).toBe(3);
    expect(evaluate(subscript(col('A'), int('0')), { A: nested })).toBeNull();
    expect(evaluate(subscript(col('A'), int('3')), { A: nested })).toBeNull();
    expect(evaluate(subscript(col('A'), int('1')), { A: null })).toBeNull();
  });

  it('looks up map keys, null when absent', () => {
    const status = subscript(col('M'), str('status'));
    expect(evaluate(status, { M: new Map([['status', 'false']]) })).toBe('false');
    expect(evaluate(status, { M: new Map() })).toBeNull();
    expect(evaluate(status, { M: null })).toBeNull();
  });

  it('rejects subscripting other types and bad index types', () => {
    expect(() => compile(subscript(col('K'), int('1')))).toThrow(/needs an ARRAY or MAP, got STRING/);
    expect(() => compile(subscript(col('A'), str('x')))).toThrow(/INTEGER or BIGINT/);
    expect(() => compile(subscript(col('M'), bool(true)))).toThrow(/Map key must be STRING/);
  });
});

describe('dereference', () => {
  it('reads nested fields and is null-safe', () => {
    const id = deref(deref(col('S'), 'CATEGORY'), 'ID');
    expect(compile(id).type).toEqual(BIGINT);
    expect(evaluate(id, { S: { NAME: 'n', CATEGORY: { ID: 6n } } })).toBe(6n);
    expect(evaluate(id, { S: { NAME: 'n', CATEGORY: null } })).toBeNull();
    expect(evaluate(id, { S: null })).toBeNull();
  });

  it('rejects unknown fields and non-struct bases', () => {
    expect(() => compile(deref(col('S'), 'NOPE'))).toThrow("Could not find field 'NOPE' in 'S'.");
    expect(() => compile(deref(col('K'), 'X'))).toThrow(/needs a STRUCT, got STRING/);
  });
});
