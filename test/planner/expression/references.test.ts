// Column resolution: row indexes, qualified names, and "cannot be resolved" errors with spans and suggestions.
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/planner/expression/index.js';
import { PlanError } from '../../../src/planner/plan-error.js';
import { col, contextOf, lambdaVar, spanAt, SqlTypes } from '../ast-builders.js';

// Row layout: ID INTEGER, NAME STRING
const context = contextOf({ ID: SqlTypes.INTEGER, NAME: SqlTypes.STRING });

function thrown(action: () => unknown): PlanError {
  try {
    action();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error('expected a PlanError');
}

describe('column references', () => {
  it('read their row position, with or without a qualifier', () => {
    expect(compileExpression(col('NAME'), context).evaluate([1, 'bob'])).toBe('bob');
    expect(compileExpression(col('NAME', 'T'), context).type).toEqual(SqlTypes.STRING);
    expect(compileExpression(col('ID'), context).evaluate([])).toBeNull();
  });

  it('report an unknown column with its span and the closest name', () => {
    const error = thrown(() => compileExpression(col('NAEM', undefined, spanAt(2, 14)), context));
    expect(error.message).toBe("Column 'NAEM' cannot be resolved. Did you mean 'NAME'?");
    expect(error.span).toEqual(spanAt(2, 14));
    expect(error.code).toBe('PLAN_ERROR');
  });

  it('name the clause and the qualifier as ksqlDB does', () => {
    const where = { ...context, clause: 'WHERE' };
    expect(() => compileExpression(col('BOB'), where)).toThrow("WHERE column 'BOB' cannot be resolved.");
    expect(() => compileExpression(col('BOB', 'I'), { ...context, clause: 'SELECT' })).toThrow(
      "SELECT column 'I.BOB' cannot be resolved.",
    );
  });

  it('let the scope report ambiguity', () => {
    expect(() => compileExpression(col('AMBIGUOUS'), context)).toThrow(/ambiguous/);
  });

  it('reject a lambda variable outside its lambda', () => {
    expect(() => compileExpression(lambdaVar('X'), context)).toThrow(/not in scope/);
  });
});
