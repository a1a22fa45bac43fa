// The task manager's routing of polled records: each input partition to the task of its
// sub-topology and partition, and no route left to a task whose partitions were revoked.
import { describe, expect, it } from 'vitest';
import type { ProduceRecord } from '../../../src/runtime/log/index.js';
import { TaskManager } from '../../../src/runtime/task/task-manager.js';
import type { Topology } from '../../../src/runtime/topology/topology.js';

/** One stateless sub-topology reading two co-partitioned topics (a join's shape). */
function twoInputTopology(): Topology {
  const read = () => ({ row: [], oldRow: null, timestampMs: 0, isDelete: false });
  return {
    queryId: 'Q',
    subTopologies: [
      {
        id: 0,
        sources: [
          { name: 'left', topic: 'left', read, failOnInvalidTimestamp: false, children: ['drop'] },
          { name: 'right', topic: 'right', read, failOnInvalidTimestamp: false, children: ['drop'] },
        ],
        nodes: [{ definition: { name: 'drop', stores: [], create: () => ({ process: () => undefined }) }, children: [] }],
        stores: [],
      },
    ],
    internalTopics: [],
  };
}

function manager(): TaskManager {
  const output: ProduceRecord[] = [];
  return new TaskManager({ topology: twoInputTopology(), services: { queryId: 'Q', processingLog: { write: () => undefined }, output }, log: undefined, stateDir: undefined });
}

describe('TaskManager', () => {
  it('routes both inputs of a partition to the same task, and other partitions to their own', () => {
    const tasks = manager();
    for (const input of [{ topic: 'left', partition: 0 }, { topic: 'right', partition: 0 }, { topic: 'left', partition: 1 }]) tasks.assignStateless(input);
    expect(tasks.taskFor('left', 0)?.id).toBe('0_0');
    expect(tasks.taskFor('right', 0)).toBe(tasks.taskFor('left', 0));
    expect(tasks.taskFor('left', 1)?.id).toBe('0_1');
    expect(tasks.taskFor('right', 1)).toBeUndefined();
    expect(tasks.taskFor('other', 0)).toBeUndefined();
    expect(tasks.all().map((task) => task.id)).toEqual(['0_0', '0_1']);
  });

  it('drops every route to a task once one of its inputs is revoked', () => {
    const tasks = manager();
    for (const input of [{ topic: 'left', partition: 0 }, { topic: 'right', partition: 0 }, { topic: 'left', partition: 1 }]) tasks.assignStateless(input);
    tasks.revoke([{ topic: 'left', partition: 0 }]);
    expect(tasks.taskFor('left', 0)).toBeUndefined();
    expect(tasks.taskFor('right', 0)).toBeUndefined();
    expect(tasks.taskFor('left', 1)?.id).toBe('0_1');
    expect(tasks.all().map((task) => task.id)).toEqual(['0_1']);
  });
});
