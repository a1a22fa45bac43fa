// aggregateNode: a shell until aggregation lands; its factory refuses the first of WINDOW, GROUP BY, HAVING.
import { describe, expect, it } from 'vitest';
import { aggregateNode } from '../../../src/planner/logical/aggregate.js';
import { queryOf } from './logical-fixtures.js';

const refusal = (message: string, span: unknown) => expect.objectContaining({ message, span, code: 'NOT_SUPPORTED' });

describe('aggregateNode', () => {
  it('refuses WINDOW before GROUP BY, and GROUP BY before HAVING', () => {
    const windowed = queryOf('SELECT K, COUNT(*) FROM A WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY K HAVING COUNT(*) > 1');
    expect(() => aggregateNode(windowed)).toThrow(refusal('Windowed aggregation (WINDOW) is not supported yet.', windowed.window!.span));
    const grouped = queryOf('SELECT K, COUNT(*) FROM A GROUP BY K HAVING COUNT(*) > 1');
    expect(() => aggregateNode(grouped)).toThrow(refusal('GROUP BY is not supported yet.', grouped.groupBy![0]!.span));
    const having = queryOf('SELECT K FROM A HAVING K > 1');
    expect(() => aggregateNode(having)).toThrow(refusal('HAVING is not supported yet.', having.having!.span));
  });
});
