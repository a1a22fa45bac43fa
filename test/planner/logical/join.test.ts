// joinNode: a shell until joins land; its factory refuses a JOIN, pointing at the clause.
import { describe, expect, it } from 'vitest';
import { joinNode } from '../../../src/planner/logical/join.js';
import { queryOf } from './logical-fixtures.js';

const refusal = (message: string, span: unknown) => expect.objectContaining({ message, span, code: 'NOT_SUPPORTED' });

describe('joinNode', () => {
  it('refuses a JOIN at the join clause', () => {
    const query = queryOf('SELECT * FROM A JOIN B ON A.ID = B.ID');
    expect(() => joinNode(query.from.joins[0]!)).toThrow(refusal('JOIN is not supported yet.', query.from.joins[0]!.span));
  });
});
