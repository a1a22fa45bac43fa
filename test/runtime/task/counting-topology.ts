// A small stateful topology for runtime tests: counts records per key in a key-value store and
// writes `key → count` to an output topic, so that lost or repeated input shows in the numbers.
import type { StoreSpec } from '../../../src/runtime/state/index.js';
import type { KeyValueStore } from '../../../src/runtime/state/index.js';
import type { ProcessorDefinition } from '../../../src/runtime/topology/processor.js';
import type { Topology } from '../../../src/runtime/topology/topology.js';

export const COUNTS_STORE: StoreSpec = { name: 'counts', kind: 'keyValue', changelogTopic: 'app-counts-changelog' };

function countProcessor(outputTopic: string): ProcessorDefinition {
  return {
    name: 'count',
    stores: [COUNTS_STORE.name],
    create: (context) => {
      const store = context.store<KeyValueStore>(COUNTS_STORE.name);
      return {
        process(change) {
          const key = Buffer.from(String(change.row[0]));
          const previous = store.get(key);
          const count = (previous === undefined ? 0 : Number(Buffer.from(previous).toString())) + 1;
          const value = Buffer.from(String(count));
          store.put(key, value);
          context.send({ topic: outputTopic, partition: context.partition, key, value, timestamp: change.timestampMs });
        },
      };
    },
  };
}

/** Reads `inputTopic` (key = text), counts per key, writes counts to `outputTopic`. */
export function countingTopology(inputTopic: string, outputTopic: string): Topology {
  return {
    queryId: 'COUNTING',
    subTopologies: [
      {
        id: 0,
        sources: [
          {
            name: 'source',
            topic: inputTopic,
            read: (record) => ({
              row: [record.key === null ? null : Buffer.from(record.key).toString()],
              oldRow: null,
              timestampMs: record.timestamp,
              isDelete: false,
            }),
            failOnInvalidTimestamp: false,
            children: ['count'],
          },
        ],
        nodes: [{ definition: countProcessor(outputTopic), children: [] }],
        stores: [COUNTS_STORE],
      },
    ],
    internalTopics: [{ name: COUNTS_STORE.changelogTopic, kind: 'changelog' }],
  };
}
