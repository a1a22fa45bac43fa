// The compiler's entry points: typeOfExpression, compileConstant for INSERT VALUES, containsAggregate, unsupported kinds.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import {
  compileConstant,
  compileExpression,
  containsAggregate,
  typeOfExpression,
} from '../../../src/planner/expression/index.js';
import { formatType } from '../../../src/planner/types.js';
import { arith, call, cast, col, contextOf, dec, int, neg, nul, span, str, struct, SqlTypes, typeNode } from '../ast-builders.js';
import { testRegistry } from '../test-functions.js';

const registry = testRegistry();
const context = contextOf({ I: SqlTypes.INTEGER }, registry);

describe('typeOfExpression', () => {
  it('types without evaluating', () => {
    expect(typeOfExpression(arith(col('I'), '+', dec('1.5')), context)).toEqual(SqlTypes.decimal(12, 1));
  });
});

describe('compileConstant', () => {
  it('coerces literals to the column type', () => {
    expect(compileConstant(int('5'), SqlTypes.BIGINT, context)).toBe(5n);
    expect(compileConstant(int('5'), SqlTypes.DOUBLE, context)).toBe(5);
    expect(String(compileConstant(dec('1.5'), SqlTypes.decimal(4, 2), context))).toBe('1.50');
    expect(compileConstant(str('2020-01-02'), SqlTypes.DATE, context)).toBe(18263);
    expect(compileConstant(str('10'), SqlTypes.INTEGER, context)).toBe(10);
    expect(compileConstant(nul(), SqlTypes.STRING, context)).toBeNull();
    expect(compileConstant(neg(int('3')), SqlTypes.INTEGER, context)).toBe(-3);
    expect(compileConstant(struct(['A', int('1')]), SqlTypes.struct([{ name: 'A', type: SqlTypes.BIGINT }]), context)).toEqual({
      A: 1n,
    });
    expect(compileConstant(cast(nul(), typeNode.int), SqlTypes.INTEGER, context)).toBeNull();
  });

  it('rejects values that do not fit the column type', () => {
    expect(() => compileConstant(str('abc'), SqlTypes.INTEGER, context)).toThrow('invalid input syntax for type INTEGER: "abc".');
    expect(() => compileConstant(int('5'), SqlTypes.STRING, context)).not.toThrow();
    expect(() => compileConstant(dec('1.5'), SqlTypes.INTEGER, context)).toThrow(
      'Expected type INTEGER for value but got DECIMAL(2, 1)',
    );
    expect(() => compileConstant(dec('123.5'), SqlTypes.decimal(3, 1), context)).toThrow(/Cannot fit decimal/);
  });
});

describe('containsAggregate', () => {
  it('finds aggregate calls at any depth', () => {
    expect(containsAggregate(arith(call('COUNT', col('I')), '+', int('1')), registry)).toBe(true);
    expect(containsAggregate(call('ADD_ONE', col('I')), registry)).toBe(false);
    expect(containsAggregate(call('UNKNOWN', col('I')), registry)).toBe(false);
  });
});

describe('constructs that are not expressions on their own', () => {
  it('reports them with their span', () => {
    const atTimeZone: Expression = { kind: 'AtTimeZone', value: col('I'), zone: 'UTC', span };
    expect(() => compileExpression(atTimeZone, context)).toThrow(/AT TIME ZONE is not supported/);
    const unit: Expression = { kind: 'IntervalUnitArg', unit: 'DAYS', span };
    expect(() => compileExpression(unit, context)).toThrow(/only allowed as a function argument/);
    const structAll: Expression = { kind: 'StructAll', base: col('I'), span };
    expect(() => compileExpression(structAll, context)).toThrow('I->* is only allowed in a SELECT list');
    expect(formatType(compileExpression(cast(col('I'), typeNode.string), context).type)).toBe('STRING');
    expect(() => compileExpression(cast(col('I'), typeNode.array(typeNode.int)), context)).toThrow(
      'Cast of INTEGER to ARRAY<INTEGER> is not supported',
    );
  });
});
