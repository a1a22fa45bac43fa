// tableFunctionsNode: each lifted call appends a typed `$TF_n` column to the input row.
import { describe, expect, it } from 'vitest';
import type { FunctionCall } from '../../../src/planner/logical/table-functions.js';
import { tableFunctionsNode } from '../../../src/planner/logical/table-functions.js';
import { fromNode, INPUT, queryOf, typing } from './logical-fixtures.js';

function callsOf(select: string) {
  const query = queryOf(select);
  const calls = query.select.flatMap((item) => (item.kind === 'SelectExpression' && item.expression.kind === 'FunctionCall' ? [item.expression as FunctionCall] : []));
  return { source: fromNode(query, INPUT), calls };
}

describe('tableFunctionsNode', () => {
  it('appends one column per call after the input columns', () => {
    const { source, calls } = callsOf('SELECT ID, EXPLODE(XS), EXPLODE(ARRAY[NAME]) FROM INPUT');
    const node = tableFunctionsNode(source, calls, typing);
    const appended = node.schema.columns.slice(source.schema.width);
    expect(appended.map((column) => `${column.name} ${column.type.kind}`)).toEqual(['$TF_0 INTEGER', '$TF_1 STRING']);
    expect(node.keys).toBe(source.keys);
  });

  it('refuses arguments no overload takes', () => {
    const { source, calls } = callsOf('SELECT ID, EXPLODE(AGE) FROM INPUT');
    expect(() => tableFunctionsNode(source, calls, typing)).toThrow(/Function 'explode' does not accept/);
  });
});
