// sinkNode: the sink's key and value columns come from the projection's schema.
import { describe, expect, it } from 'vitest';
import { formatSchema } from '../../../src/planner/index.js';
import { projectNode } from '../../../src/planner/logical/project.js';
import { sinkNode } from '../../../src/planner/logical/sink.js';
import type { SinkTarget } from '../../../src/planner/query/plan-sink.js';
import { expandSelectItems } from '../../../src/planner/query/select-items.js';
import { config, fromNode, INPUT, queryOf, typing } from './logical-fixtures.js';

const target = (sourceType: 'STREAM' | 'TABLE'): SinkTarget => ({ kind: 'CreateAsSelect', name: 'OUTPUT', sourceType, properties: undefined, statementText: '' });

function sinkOf(sourceType: 'STREAM' | 'TABLE') {
  const query = queryOf('SELECT ID, NAME FROM INPUT');
  const source = fromNode(query, INPUT);
  const items = expandSelectItems(query.select, source.schema, () => [], new Set());
  const projected = projectNode(source, items, { kind: 'Persistent', sinkName: 'OUTPUT', dropUnselectedKeys: false }, source, typing);
  return sinkNode(projected, target(sourceType), query, source, config, items);
}

describe('sinkNode', () => {
  it('takes its key and value columns from the projection', () => {
    const sink = sinkOf('STREAM');
    expect(formatSchema([...sink.keyColumns, ...sink.valueColumns])).toBe('`ID` INTEGER KEY, `NAME` STRING');
    expect(sink.sinkSource.topic).toBe('OUTPUT');
  });

  it('refuses a sink whose kind differs from what the SELECT produces', () => {
    expect(() => sinkOf('TABLE')).toThrow('Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.');
  });
});
