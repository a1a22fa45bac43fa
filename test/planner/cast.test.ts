// CAST semantics: Java-style numeric narrowing, text parsing, DECIMAL rounding, collection casts.
import { describe, expect, it } from 'vitest';
import { castValue, compileCast } from '../../src/planner/cast.js';
import { Decimal } from '../../src/planner/decimal.js';
import { EvaluationError } from '../../src/planner/expression/evaluation-error.js';
import { PlanError } from '../../src/planner/plan-error.js';
import { SqlTypes } from '../../src/planner/types.js';

const { INTEGER, BIGINT, DOUBLE, STRING, BOOLEAN, DATE, TIME, TIMESTAMP } = SqlTypes;
const decimal = SqlTypes.decimal;

describe('numeric casts', () => {
  it('truncates DOUBLE to INTEGER and saturates like Java', () => {
    expect(castValue(1.2000000000000002, DOUBLE, INTEGER)).toBe(1);
    expect(castValue(-3.9, DOUBLE, INTEGER)).toBe(-3);
    expect(castValue(1e20, DOUBLE, INTEGER)).toBe(2147483647);
    expect(castValue(Number.NaN, DOUBLE, BIGINT)).toBe(0n);
  });

  it('wraps BIGINT to INTEGER', () => {
    expect(castValue(2147483648n, BIGINT, INTEGER)).toBe(-2147483648);
  });

  it('rounds to a DECIMAL scale HALF_UP and rejects values too wide for the precision', () => {
    expect(String(castValue(0.99, DOUBLE, decimal(2, 1)))).toBe('1.0');
    expect(String(castValue(0.01, DOUBLE, decimal(2, 1)))).toBe('0.0');
    expect(String(castValue(Decimal.parse('10.12'), decimal(4, 2), decimal(5, 3)))).toBe('10.120');
    expect(String(castValue(-1, INTEGER, decimal(2, 1)))).toBe('-1.0');
    expect(() => castValue(10, INTEGER, decimal(2, 1))).toThrow(EvaluationError);
  });

  it('truncates DECIMAL to integral types', () => {
    expect(castValue(Decimal.parse('10.99'), decimal(4, 2), INTEGER)).toBe(10);
    expect(castValue(Decimal.parse('-10.99'), decimal(4, 2), BIGINT)).toBe(-10n);
    expect(castValue(Decimal.parse('10.01'), decimal(4, 2), DOUBLE)).toBe(10.01);
  });
});

describe('casts to STRING', () => {
  it('writes numbers the way Java does', () => {
    expect(castValue(-1, INTEGER, STRING)).toBe('-1');
    expect(castValue(10.0, DOUBLE, STRING)).toBe('10.0');
    expect(castValue(1e21, DOUBLE, STRING)).toBe('1.0E21');
    expect(castValue(Decimal.parse('0.00'), decimal(4, 2), STRING)).toBe('0.00');
  });

  it('writes collections as Java and Kafka Connect do', () => {
    expect(castValue([1, 3], SqlTypes.array(INTEGER), STRING)).toBe('[1, 3]');
    expect(castValue(new Map([['this', 1]]), SqlTypes.map(STRING, INTEGER), STRING)).toBe('{this=1}');
    const structType = SqlTypes.struct([
      { name: 'F0', type: INTEGER },
      { name: 'f1', type: INTEGER },
      { name: 'F2', type: INTEGER },
    ]);
    expect(castValue({ F0: 1, f1: 3, F2: null }, structType, STRING)).toBe('Struct{F0=1,f1=3}');
  });

  it('writes temporal values in ISO form', () => {
    expect(castValue(19145, DATE, STRING)).toBe('2022-06-02');
    expect(castValue(33360000, TIME, STRING)).toBe('09:16:00');
    expect(castValue(1651182287943, TIMESTAMP, STRING)).toBe('2022-04-28T21:44:47.943');
  });
});

describe('casts from STRING', () => {
  it('parses numbers, booleans and temporal values', () => {
    expect(castValue(' 42 ', STRING, INTEGER)).toBe(42);
    expect(castValue('9223372036854775807', STRING, BIGINT)).toBe(9223372036854775807n);
    expect(castValue('10.5', STRING, DOUBLE)).toBe(10.5);
    expect(String(castValue('0.99', STRING, decimal(2, 1)))).toBe('1.0');
    expect(castValue('TrUe', STRING, BOOLEAN)).toBe(true);
    expect(castValue('n', STRING, BOOLEAN)).toBe(false);
    expect(castValue('2022-04-28T21:44:47.943', STRING, TIMESTAMP)).toBe(1651182287943);
    expect(castValue('2022-04-28T21:44:47.943Z', STRING, TIMESTAMP)).toBe(1651182287943);
    expect(castValue('2022-04-28T23:44:47.943+02:00', STRING, TIMESTAMP)).toBe(1651182287943);
    expect(castValue('1970-01-02', STRING, DATE)).toBe(1);
    expect(castValue('2018-01-01', STRING, TIMESTAMP)).toBe(1514764800000);
    expect(castValue('2018-01-01T00:00+0200', STRING, TIMESTAMP)).toBe(1514757600000);
    expect(castValue('2018-01-01 00:00:00.123456', STRING, TIMESTAMP)).toBe(1514764800123);
    expect(castValue('00:00:01.5', STRING, TIME)).toBe(1500);
  });

  it('fails per record on text that is not a value of the type', () => {
    expect(() => castValue('abc', STRING, INTEGER)).toThrow('invalid input syntax for type INTEGER: "abc".');
    expect(() => castValue('2147483648', STRING, INTEGER)).toThrow(EvaluationError);
    expect(() => castValue('maybe', STRING, BOOLEAN)).toThrow(EvaluationError);
    expect(() => castValue('2021-02-30', STRING, DATE)).toThrow(EvaluationError);
    expect(() => castValue('x', STRING, decimal(2, 1))).toThrow(EvaluationError);
  });
});

describe('collection and temporal casts', () => {
  it('casts arrays, maps and structs element by element', () => {
    expect(castValue([1n, 2147483648n], SqlTypes.array(BIGINT), SqlTypes.array(INTEGER))).toEqual([1, -2147483648]);
    const nested = castValue(
      new Map([['k1', new Map([['k2', '10']])]]),
      SqlTypes.map(STRING, SqlTypes.map(STRING, STRING)),
      SqlTypes.map(STRING, SqlTypes.map(STRING, INTEGER)),
    );
    expect(nested).toEqual(new Map([['k1', new Map([['k2', 10]])]]));
    const from = SqlTypes.struct([
      { name: 'F0', type: BIGINT },
      { name: 'F1', type: STRING },
    ]);
    const to = SqlTypes.struct([
      { name: 'F0', type: STRING },
      { name: 'F3', type: STRING },
    ]);
    expect(castValue({ F0: 1n, F1: 'x' }, from, to)).toEqual({ F0: '1', F3: null });
  });

  it('moves between DATE, TIME and TIMESTAMP', () => {
    expect(castValue(86_400_000 + 5, TIMESTAMP, DATE)).toBe(1);
    expect(castValue(86_400_000 + 5, TIMESTAMP, TIME)).toBe(5);
    expect(castValue(2, DATE, TIMESTAMP)).toBe(172_800_000);
  });

  it('passes null through and refuses unsupported casts', () => {
    expect(castValue(null, STRING, INTEGER)).toBeNull();
    expect(compileCast(STRING, SqlTypes.array(INTEGER))).toBeUndefined();
    expect(() => castValue('x', STRING, SqlTypes.map(STRING, INTEGER))).toThrow(PlanError);
    expect(() => castValue('x', STRING, SqlTypes.map(STRING, INTEGER))).toThrow(
      'Cast of STRING to MAP<STRING, INTEGER> is not supported',
    );
    expect(compileCast(BOOLEAN, INTEGER)).toBeUndefined();
  });
});
