// suppressNode: a shell until windowed aggregation lands; its factory refuses EMIT FINAL.
import { describe, expect, it } from 'vitest';
import { suppressNode } from '../../../src/planner/logical/suppress.js';
import { queryOf } from './logical-fixtures.js';

const refusal = (message: string, span: unknown) => expect.objectContaining({ message, span, code: 'NOT_SUPPORTED' });

describe('suppressNode', () => {
  it('refuses EMIT FINAL at the query', () => {
    const query = queryOf('SELECT * FROM A EMIT FINAL');
    expect(() => suppressNode(query.span)).toThrow(refusal('EMIT FINAL is only supported on windowed aggregations.', query.span));
  });
});
