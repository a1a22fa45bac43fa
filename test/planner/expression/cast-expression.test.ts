// CAST expressions: an operand that fails to evaluate reads as NULL; a failing conversion still throws.
import { describe, expect, it } from 'vitest';
import { compileExpression, EvaluationError } from '../../../src/planner/expression/index.js';
import { arith, call, cast, col, contextOf, int, str, SqlTypes, typeNode } from '../ast-builders.js';
import { testRegistry } from '../test-functions.js';

// Row layout: I INTEGER, S STRING
const context = contextOf({ I: SqlTypes.INTEGER, S: SqlTypes.STRING }, testRegistry());

describe('CAST', () => {
  it('converts the operand to the target type', () => {
    expect(compileExpression(cast(col('I'), typeNode.string), context).evaluate([42, null])).toBe('42');
    expect(compileExpression(cast(col('I'), typeNode.string), context).evaluate([null, null])).toBeNull();
  });

  it('reads an operand that fails to evaluate as NULL, so IFNULL supplies its default', () => {
    // IFNULL(CAST(I / 0 AS STRING), '1900-01-01')
    const failing = cast(arith(col('I'), '/', int('0')), typeNode.string);
    expect(compileExpression(failing, context).evaluate([1, null])).toBeNull();
    const defaulted = call('IFNULL', failing, str('1900-01-01'));
    expect(compileExpression(defaulted, context).evaluate([1, null])).toBe('1900-01-01');
  });

  it('still fails for a value the conversion itself rejects', () => {
    const compiled = compileExpression(cast(col('S'), typeNode.int), context);
    expect(() => compiled.evaluate([null, 'not a number'])).toThrow(EvaluationError);
  });
});
