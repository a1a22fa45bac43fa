// lowerPlan: logical nodes become the physical source, steps and sink, with compiled closures.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry, layeredConfig } from '../../../src/planner/index.js';
import { lowerPlan } from '../../../src/planner/logical/lower.js';
import { buildLogicalPlan } from '../../../src/planner/query/build-logical-plan.js';
import { catalog, INPUT, queryOf } from './logical-fixtures.js';

const registry = createBuiltinRegistry();
const config = layeredConfig({});

function lowered(select: string) {
  const metastore = catalog(INPUT);
  const target = { kind: 'CreateAsSelect', name: 'OUTPUT', sourceType: 'STREAM', properties: undefined, statementText: '' } as const;
  const logical = buildLogicalPlan(queryOf(select), target, { metastore, registry, config });
  return lowerPlan(logical, 'CSAS_OUTPUT_0', { registry, customTypes: metastore.types(), config });
}

describe('lowerPlan', () => {
  it('lowers PARTITION BY to a rekeying projection that keeps everything on a tombstone', () => {
    //   row: ID, NAME, AGE, XS, ROWTIME, ROWPARTITION, ROWOFFSET
    const step = lowered('SELECT NAME, AGE FROM INPUT PARTITION BY NAME').steps[0]!;
    if (step.kind !== 'Project') throw new Error(`expected a Project step, got ${step.kind}`);
    expect(step.label).toBe('PartitionBy');
    expect(step.keyCount).toBe(1);
    expect(step.expressions.map((expression) => expression([1, 'a', 30, [], 0n, 0, 0n]))).toEqual(['a', 30, [], 1, 0n, 0, 0n]);
    expect(step.keptOnTombstone.every(Boolean)).toBe(true);
  });

  it('computes the projection keys first, in key order, and only they survive a tombstone', () => {
    const plan = lowered('SELECT NAME, ID FROM INPUT');
    const step = plan.steps[0]!;
    if (step.kind !== 'Project') throw new Error(`expected a Project step, got ${step.kind}`);
    expect(step.expressions.map((expression) => expression([1, 'a', 30, [], 0n, 0, 0n]))).toEqual([1, 'a']);
    expect(step.keptOnTombstone).toEqual([true, false]);
    expect(step.description).toBe('NAME AS NAME, ID AS ID');
    expect(plan.sink.keyColumns.map((column) => column.name)).toEqual(['ID']);
  });
});
