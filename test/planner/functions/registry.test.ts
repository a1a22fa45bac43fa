// FunctionRegistry: lookup, overload choice, ambiguity, and the messages for unknown names and mismatches.
import { describe, expect, it } from 'vitest';
import { FunctionRegistry } from '../../../src/planner/functions/registry.js';
import { PlanError } from '../../../src/planner/plan-error.js';
import { SqlTypes } from '../../../src/planner/types.js';
import { testRegistry } from '../test-functions.js';

const { INTEGER, BIGINT, STRING } = SqlTypes;
const registry = testRegistry();

describe('FunctionRegistry', () => {
  it('finds definitions case-insensitively and lists them by name', () => {
    expect(registry.get('add_one')?.name).toBe('ADD_ONE');
    expect(registry.list().map((definition) => definition.name)[0]).toBe('ADD_ONE');
    expect(() => registry.register(registry.get('ADD_ONE')!)).toThrow(/registered twice/);
  });

  it('suggests a close name for an unknown function', () => {
    expect(() => registry.resolveScalar('WONT_FIND_ME', [])).toThrow("Can't find any functions with the name 'WONT_FIND_ME'.");
    expect(() => registry.resolveScalar('ADD_ON', [INTEGER])).toThrow("Did you mean 'ADD_ONE'?");
    try {
      registry.resolveScalar('NOPE', []);
    } catch (error) {
      expect((error as PlanError).code).toBe('NOT_FOUND');
    }
  });

  it('is ambiguous when several overloads take the arguments only after widening', () => {
    expect(() => registry.resolveScalar('GREATEST', [INTEGER, BIGINT])).toThrow(
      "Function 'greatest' cannot be resolved due to ambiguous method parameters (INTEGER, BIGINT).",
    );
    expect(() => registry.resolveScalar('GREATEST', [null, null])).toThrow('ambiguous method parameters (null, null)');
  });

  it('lists the valid alternatives on a mismatch', () => {
    expect(() => registry.resolveTable('EXPLODE', [SqlTypes.map(STRING, INTEGER)])).toThrow(
      "Function 'explode' does not accept parameters (MAP<STRING, INTEGER>).\nValid alternatives are:\nexplode(ARRAY<DECIMAL(10, 2)>)\nexplode(ARRAY<T> list)",
    );
    expect(() => registry.resolveScalar('GREATEST', [])).toThrow("Function 'greatest' does not accept parameters ().");
  });

  it('binds a generic met by an integer and a DECIMAL to a DECIMAL holding both', () => {
    // IFNULL(INTEGER, DECIMAL(2, 1)): DECIMAL(2, 1) alone could not hold 123
    const resolved = registry.resolveScalar('IFNULL', [INTEGER, SqlTypes.decimal(2, 1)]);
    expect(resolved.returnType).toEqual(SqlTypes.decimal(11, 1));
    expect(resolved.argTypes).toEqual([SqlTypes.decimal(11, 1), SqlTypes.decimal(11, 1)]);
    expect(registry.resolveScalar('IFNULL', [SqlTypes.decimal(2, 1), BIGINT]).returnType).toEqual(SqlTypes.decimal(20, 1));
  });

  it('prefers a specific overload over a generic one', () => {
    const resolved = registry.resolveTable('EXPLODE', [SqlTypes.array(SqlTypes.decimal(4, 2))]);
    expect(resolved.returnType).toEqual(SqlTypes.decimal(10, 2));
    expect(registry.resolveTable('EXPLODE', [SqlTypes.array(STRING)]).returnType).toEqual(STRING);
  });

  it('resolves aggregates and refuses the wrong kind of function', () => {
    expect(registry.resolveAggregate('COUNT', [STRING]).returnType).toEqual(BIGINT);
    expect(() => registry.resolveScalar('COUNT', [STRING])).toThrow(/is not a scalar function/);
    expect(() => registry.resolveAggregate('ADD_ONE', [INTEGER])).toThrow(/is not an aggregate function/);
  });

  it('resolves variadic overloads and reports the concrete argument types', () => {
    const resolved = registry.resolveScalar('GREATEST', [INTEGER, INTEGER, null, INTEGER]);
    expect(resolved.argTypes).toEqual([INTEGER, INTEGER, INTEGER, INTEGER]);
    expect(new FunctionRegistry().list()).toEqual([]);
  });
});
