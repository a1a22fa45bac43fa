// The logical passes: their order, and that each leaves a plan whose schemas still hold.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry, layeredConfig } from '../../../src/planner/index.js';
import { inputsOf, type LogicalNode } from '../../../src/planner/logical/logical-node.js';
import { LOGICAL_PASSES, runPasses } from '../../../src/planner/logical/passes.js';
import { buildLogicalPlan } from '../../../src/planner/query/build-logical-plan.js';
import { catalog, INPUT, queryOf } from './logical-fixtures.js';

//   KsqlTopic/Sink <- Project <- FlatMap <- PartitionBy-SelectKey <- WhereFilter <- KsqlTopic/Source
const plan = () =>
  buildLogicalPlan(
    queryOf('SELECT NAME, ID, EXPLODE(XS) AS X FROM INPUT WHERE AGE > 1 PARTITION BY NAME'),
    { kind: 'CreateAsSelect', name: 'OUTPUT', sourceType: 'STREAM', properties: undefined, statementText: '' },
    { metastore: catalog(INPUT), registry: createBuiltinRegistry(), config: layeredConfig({}) },
  );

function nodes(root: LogicalNode): LogicalNode[] {
  return [root, ...inputsOf(root).flatMap(nodes)];
}

describe('logical passes', () => {
  it('run in a fixed order', () => {
    expect(LOGICAL_PASSES.map((pass) => pass.name)).toEqual(['assignNodeIds']);
  });

  it('each keep every node schema and the sink at the root', () => {
    let current = plan();
    for (const pass of LOGICAL_PASSES) {
      const next = pass.apply(current);
      expect(next.kind).toBe('Sink');
      expect(nodes(next).map((node) => node.schema)).toEqual(nodes(current).map((node) => node.schema));
      current = next;
    }
  });

  it('name every node with its ksqlDB step name', () => {
    expect(nodes(runPasses(plan())).map((node) => node.id)).toEqual([
      'KsqlTopic/Sink',
      'Project',
      'FlatMap',
      'PartitionBy-SelectKey',
      'WhereFilter',
      'KsqlTopic/Source',
    ]);
  });
});
