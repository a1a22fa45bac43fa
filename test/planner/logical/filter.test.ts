// filterNode: a WHERE predicate must be BOOLEAN; the schema passes through unchanged.
import { describe, expect, it } from 'vitest';
import { filterNode } from '../../../src/planner/logical/filter.js';
import { fromNode, INPUT, queryOf, typing } from './logical-fixtures.js';

describe('filterNode', () => {
  it('keeps the input schema and keys', () => {
    const query = queryOf('SELECT * FROM INPUT WHERE AGE > 18');
    const source = fromNode(query, INPUT);
    const filter = filterNode(source, query.where!, typing);
    expect(filter.schema).toBe(source.schema);
    expect(filter.keys).toBe(source.keys);
  });

  it('refuses a predicate that is not BOOLEAN, pointing at it', () => {
    const query = queryOf('SELECT * FROM INPUT WHERE AGE + 1');
    expect(() => filterNode(fromNode(query, INPUT), query.where!, typing)).toThrow(
      expect.objectContaining({
        message: 'Type error in WHERE expression: Should evaluate to boolean but is (AGE + 1) (INTEGER) instead.',
        span: query.where!.span,
      }),
    );
  });

  it('names the WHERE clause for an unknown column', () => {
    const query = queryOf('SELECT * FROM INPUT WHERE AEG > 1');
    expect(() => filterNode(fromNode(query, INPUT), query.where!, typing)).toThrow(/WHERE column 'AEG' cannot be resolved/);
  });
});
