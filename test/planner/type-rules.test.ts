// Type rules: TypeNode resolution, widening, common super types and DECIMAL arithmetic result types.
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../src/planner/plan-error.js';
import {
  arithmeticResultType,
  canWiden,
  commonType,
  commonTypeOf,
  resolveType,
} from '../../src/planner/type-rules.js';
import { formatType, SqlTypes } from '../../src/planner/types.js';
import { typeNode } from './ast-builders.js';

const { INTEGER, BIGINT, DOUBLE, STRING, BOOLEAN } = SqlTypes;
const decimal = SqlTypes.decimal;

describe('resolveType', () => {
  it('resolves nested types', () => {
    const node = typeNode.map(typeNode.string, typeNode.array(typeNode.struct(['A', typeNode.decimal(4, 2)])));
    expect(formatType(resolveType(node))).toBe('MAP<STRING, ARRAY<STRUCT<`A` DECIMAL(4, 2)>>>');
  });

  it('resolves custom types from a map or a lookup function', () => {
    const custom = SqlTypes.struct([{ name: 'X', type: INTEGER }]);
    expect(resolveType(typeNode.custom('POINT'), new Map([['POINT', custom]]))).toBe(custom);
    expect(resolveType(typeNode.custom('POINT'), (name) => (name === 'POINT' ? custom : undefined))).toBe(custom);
  });

  it('rejects an unknown custom type and a bad DECIMAL', () => {
    expect(() => resolveType(typeNode.custom('NOPE'))).toThrow(/Unknown type: NOPE/);
    expect(() => resolveType(typeNode.decimal(2, 3))).toThrow(PlanError);
  });
});

describe('widening', () => {
  it('widens INTEGER → BIGINT → DECIMAL → DOUBLE and never back', () => {
    expect(canWiden(INTEGER, BIGINT)).toBe(true);
    expect(canWiden(BIGINT, decimal(19, 0))).toBe(true);
    expect(canWiden(decimal(4, 2), DOUBLE)).toBe(true);
    expect(canWiden(DOUBLE, INTEGER)).toBe(false);
    expect(canWiden(BIGINT, INTEGER)).toBe(false);
    expect(canWiden(STRING, INTEGER)).toBe(false);
  });

  it('widens collections element-wise', () => {
    expect(canWiden(SqlTypes.array(INTEGER), SqlTypes.array(BIGINT))).toBe(true);
    expect(canWiden(SqlTypes.array(BIGINT), SqlTypes.array(INTEGER))).toBe(false);
  });
});

describe('common super type', () => {
  it('is the wider numeric type, with enough DECIMAL digits for both sides', () => {
    expect(commonType(INTEGER, BIGINT)).toEqual(BIGINT);
    expect(commonType(INTEGER, decimal(4, 2))).toEqual(decimal(12, 2));
    expect(commonType(decimal(4, 2), decimal(6, 5))).toEqual(decimal(7, 5));
    expect(commonType(decimal(4, 2), DOUBLE)).toEqual(DOUBLE);
  });

  it('treats the NULL literal type as fitting anything', () => {
    expect(commonTypeOf([null, STRING, null])).toEqual(STRING);
    expect(commonTypeOf([null, null])).toBeNull();
  });

  it('has none for unrelated types or structs with different fields', () => {
    expect(commonType(STRING, INTEGER)).toBeUndefined();
    expect(commonType(BOOLEAN, INTEGER)).toBeUndefined();
    const left = SqlTypes.struct([{ name: 'A', type: INTEGER }]);
    const right = SqlTypes.struct([{ name: 'B', type: INTEGER }]);
    expect(commonType(left, right)).toBeUndefined();
  });
});

describe('arithmetic result types', () => {
  it('follows the numeric ladder', () => {
    expect(arithmeticResultType('+', INTEGER, INTEGER)).toEqual(INTEGER);
    expect(arithmeticResultType('*', INTEGER, BIGINT)).toEqual(BIGINT);
    expect(arithmeticResultType('/', BIGINT, DOUBLE)).toEqual(DOUBLE);
    expect(arithmeticResultType('-', decimal(4, 2), DOUBLE)).toEqual(DOUBLE);
  });

  it('uses ksqlDB DECIMAL precision and scale rules', () => {
    const left = decimal(4, 2);
    const right = decimal(3, 1);
    expect(arithmeticResultType('+', left, right)).toEqual(decimal(5, 2));
    expect(arithmeticResultType('-', left, right)).toEqual(decimal(5, 2));
    expect(arithmeticResultType('*', left, right)).toEqual(decimal(8, 3));
    expect(arithmeticResultType('/', left, right)).toEqual(decimal(9, 6));
    expect(arithmeticResultType('%', left, right)).toEqual(decimal(4, 2));
    expect(arithmeticResultType('+', INTEGER, decimal(4, 2))).toEqual(decimal(13, 2));
  });

  it('concatenates STRINGs with + and rejects other non-numeric operands', () => {
    expect(arithmeticResultType('+', STRING, STRING)).toEqual(STRING);
    expect(arithmeticResultType('-', STRING, STRING)).toBeUndefined();
    expect(arithmeticResultType('+', STRING, INTEGER)).toBeUndefined();
  });
});
