// CASE: common result type, lazy branches, simple CASE equality, and the all-NULL error.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../src/parser/ast.js';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { FunctionRegistry } from '../../../src/planner/functions/registry.js';
import { arith, call, cmp, col, contextOf, dbl, int, nul, searchedCase, simpleCase, str, when, SqlTypes } from '../ast-builders.js';

// Row layout: U DOUBLE, ID BIGINT, S STRING
const columns = { U: SqlTypes.DOUBLE, ID: SqlTypes.BIGINT, S: SqlTypes.STRING };
const context = contextOf(columns);

function compile(expression: Expression) {
  return compileExpression(expression, context);
}

describe('searched CASE', () => {
  const sizes = searchedCase(
    [when(cmp(col('U'), '<', dbl('2.0E0')), str('small')), when(cmp(col('U'), '<', dbl('4.0E0')), str('medium'))],
    str('large'),
  );

  it('returns the first branch whose condition is true', () => {
    expect([1, 3, 5, null].map((units) => compile(sizes).evaluate([units]))).toEqual(['small', 'medium', 'large', 'large']);
  });

  it('gives null without ELSE and types to the common branch type', () => {
    const expression = searchedCase([when(cmp(col('U'), '<', dbl('2.0E0')), arith(col('ID'), '+', int('2')))]);
    const compiled = compile(expression);
    expect(compiled.type).toEqual(SqlTypes.BIGINT);
    expect(compiled.evaluate([1, 5n])).toBe(7n);
    expect(compiled.evaluate([3, 5n])).toBeNull();
    const widened = compile(searchedCase([when(cmp(col('U'), '<', int('2')), int('1'))], col('U')));
    expect(widened.type).toEqual(SqlTypes.DOUBLE);
  });

  it('allows NULL in some branches but not all', () => {
    expect(compile(searchedCase([when(cmp(col('U'), '<', int('2')), nul())], str('x'))).type).toEqual(SqlTypes.STRING);
    expect(() => compile(searchedCase([when(cmp(col('U'), '<', int('2')), nul())], nul()))).toThrow(
      'Invalid Case expression. All case branches have NULL type',
    );
  });

  it('rejects branches of unrelated types and non-boolean conditions', () => {
    expect(() => compile(searchedCase([when(cmp(col('U'), '<', int('2')), str('a'))], int('1')))).toThrow(
      /Type mismatch between branches: STRING, INTEGER/,
    );
    expect(() => compile(searchedCase([when(col('S'), int('1'))]))).toThrow(/needs BOOLEAN/);
  });

  it('evaluates only the chosen branch', () => {
    const registry = new FunctionRegistry();
    const calls: unknown[] = [];
    registry.register({
      name: 'TRACE',
      category: 'OTHER',
      description: 'records its argument',
      type: 'SCALAR',
      overloads: [
        {
          params: [{ kind: 'exact', type: SqlTypes.INTEGER }],
          returns: { kind: 'exact', type: SqlTypes.INTEGER },
          create: () => (value) => {
            calls.push(value);
            return value;
          },
        },
      ],
    });
    const expression = searchedCase(
      [when(cmp(col('U'), '<', int('2')), call('TRACE', int('100'))), when(cmp(col('U'), '<', int('4')), call('TRACE', int('200')))],
      call('TRACE', int('300')),
    );
    const compiled = compileExpression(expression, contextOf(columns, registry));
    expect(compiled.evaluate([3])).toBe(200);
    expect(calls).toEqual([200]);
  });
});

describe('simple CASE', () => {
  it('compares the operand with each WHEN value, null never matching', () => {
    const expression = simpleCase(col('S'), [when(str('a'), int('1')), when(str('b'), int('2'))], int('0'));
    const compiled = compile(expression);
    expect(['a', 'b', 'c', null].map((value) => compiled.evaluate([null, null, value]))).toEqual([1, 2, 0, 0]);
  });

  it('widens numeric WHEN values and rejects incomparable ones', () => {
    const compiled = compile(simpleCase(col('ID'), [when(int('1'), str('one'))]));
    expect(compiled.evaluate([null, 1n])).toBe('one');
    expect(() => compile(simpleCase(col('ID'), [when(col('S'), str('x'))]))).toThrow(/Cannot compare BIGINT to STRING/);
  });
});
