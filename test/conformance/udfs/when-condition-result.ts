// WHENCONDITION and WHENRESULT, test-only functions of ksqlDB's QTT suite (case-expression.json):
// each returns its first argument and throws when its second is false, so a CASE that evaluated
// a branch it should not have would fail.
import { defineFunction } from '../../../src/udf.js';

function unlessAllowed<Value>(value: Value, allowed: boolean, name: string): Value {
  if (!allowed) throw new Error(`${name} was evaluated although it should not have been`);
  return value;
}

export default [
  defineFunction({
    name: 'WHENCONDITION',
    kind: 'scalar',
    description: 'Returns the condition; throws when the second argument is false.',
    signatures: [{ params: ['BOOLEAN', 'BOOLEAN'], returns: 'BOOLEAN' }],
    run: (condition: boolean, allowed: boolean) => unlessAllowed(condition, allowed, 'WHENCONDITION'),
  }),
  defineFunction({
    name: 'WHENRESULT',
    kind: 'scalar',
    description: 'Returns the result; throws when the second argument is false.',
    signatures: [{ params: ['INT', 'BOOLEAN'], returns: 'INT' }],
    run: (result: number, allowed: boolean) => unlessAllowed(result, allowed, 'WHENRESULT'),
  }),
];
