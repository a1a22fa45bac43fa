// A task: records in timestamp order across its inputs, stream time, punctuation, the offsets of
// the open commit, and processing errors that skip a record without stopping the task.
import { describe, expect, it } from 'vitest';
import type { LogRecord, ProduceRecord } from '../../../src/runtime/log/index.js';
import type { ProcessingLogEntry } from '../../../src/runtime/processing-log.js';
import { StreamTask } from '../../../src/runtime/task/stream-task.js';
import type { Change } from '../../../src/runtime/topology/change.js';
import type { ProcessorContext } from '../../../src/runtime/topology/processor.js';
import type { SubTopology } from '../../../src/runtime/topology/topology.js';

function record(topic: string, offset: number, timestamp: number, value = `${topic}@${offset}`): LogRecord {
  return { topic, partition: 2, offset, key: null, value: Buffer.from(value), timestamp, headers: [] };
}

function twoInputTask(options: { onContext?: (context: ProcessorContext) => void } = {}) {
  const seen: Change[] = [];
  const errors: ProcessingLogEntry[] = [];
  const read = (log: LogRecord): Change => {
    const text = Buffer.from(log.value!).toString();
    if (text === 'bad') throw new Error('unreadable');
    return { row: [text], oldRow: null, timestampMs: log.timestamp, isDelete: false };
  };
  const subTopology: SubTopology = {
    id: 1,
    sources: [
      { name: 'left', topic: 'left', read, failOnInvalidTimestamp: false, children: ['collect'] },
      { name: 'right', topic: 'right', read, failOnInvalidTimestamp: false, children: ['collect'] },
    ],
    nodes: [
      {
        definition: {
          name: 'collect',
          stores: [],
          create: (context) => {
            options.onContext?.(context);
            return {
              process(change) {
                if (change.row[0] === 'boom') throw new Error('processor failed');
                seen.push(change);
              },
            };
          },
        },
        children: [],
      },
    ],
    stores: [],
  };
  const output: ProduceRecord[] = [];
  const task = new StreamTask(subTopology, 2, { queryId: 'Q', processingLog: { write: (entry) => errors.push(entry) }, output }, undefined);
  return { task, seen, errors };
}

describe('StreamTask', () => {
  it('is named <sub-topology>_<partition>', () => {
    expect(twoInputTask().task.id).toBe('1_2');
  });

  it('takes the lowest timestamp across its inputs next, keeping each input in offset order', () => {
    const { task, seen } = twoInputTask();
    for (const each of [record('left', 0, 10), record('left', 1, 30), record('right', 0, 20), record('right', 1, 40)]) task.add(each);
    expect(task.process()).toBe(4);
    expect(seen.map((change) => change.row[0])).toEqual(['left@0', 'right@0', 'left@1', 'right@1']);
    expect(task.streamTimeMs).toBe(40);
  });

  it('commits the next offset per input and rewinds to the first one of the open commit', () => {
    const { task } = twoInputTask();
    for (const each of [record('left', 5, 1), record('left', 6, 2), record('right', 9, 3)]) task.add(each);
    task.process();
    expect(task.offsetsToCommit()).toEqual([
      { topic: 'left', partition: 2, offset: 7 },
      { topic: 'right', partition: 2, offset: 10 },
    ]);
    expect(task.offsetsToRewind()).toEqual([
      { topic: 'left', partition: 2, offset: 5 },
      { topic: 'right', partition: 2, offset: 9 },
    ]);
    task.committed([]);
    expect(task.hasOpenCommit).toBe(false);
    expect(task.offsetsToCommit()).toEqual([]);
  });

  it('skips unreadable and failing records into the processing log with their coordinates', () => {
    const { task, seen, errors } = twoInputTask();
    for (const each of [record('left', 0, 1, 'bad'), record('left', 1, 2, 'boom'), record('left', 2, 3, 'fine')]) task.add(each);
    task.process();
    expect(seen.map((change) => change.row[0])).toEqual(['fine']);
    expect(errors.map((entry) => [entry.kind, entry.offset])).toEqual([
      ['DESERIALIZATION_ERROR', 0],
      ['RECORD_PROCESSING_ERROR', 1],
    ]);
    expect(task.offsetsToCommit()).toEqual([{ topic: 'left', partition: 2, offset: 3 }]);
  });

  it('punctuates on stream time as it advances, and on the wall clock when asked', () => {
    const streamTimes: number[] = [];
    const wallTimes: number[] = [];
    const { task } = twoInputTask({
      onContext: (context) => {
        context.schedule('STREAM_TIME', 100, (time) => streamTimes.push(time));
        context.schedule('WALL_CLOCK_TIME', 1000, (time) => wallTimes.push(time));
      },
    });
    for (const [offset, timestamp] of [[0, 50], [1, 120], [2, 130], [3, 90], [4, 260]] as const) task.add(record('left', offset, timestamp));
    task.process();
    expect(streamTimes).toEqual([120, 260]);
    task.punctuateWallClock(Date.now());
    expect(wallTimes).toEqual([]);
    task.punctuateWallClock(Date.now() + 2000);
    expect(wallTimes).toHaveLength(1);
  });

  it('drops buffered input on abort, since the consumer reads it again', () => {
    const { task, seen } = twoInputTask();
    task.add(record('left', 0, 1));
    task.aborted();
    expect(task.process()).toBe(0);
    expect(seen).toEqual([]);
  });

  it('rewinds a stateless task to how it started: no stream time, no open commit, nothing buffered', () => {
    const { task, seen } = twoInputTask();
    task.add(record('left', 0, 500));
    task.process();
    task.add(record('right', 7, 900));
    task.rewind();
    expect(task.streamTimeMs).toBe(-1);
    expect(task.offsetsToCommit()).toEqual([]);
    expect(task.process()).toBe(0);
    task.add(record('right', 1, 20));
    task.process();
    expect(task.streamTimeMs).toBe(20);
    expect(seen.map((change) => change.row[0])).toEqual(['left@0', 'right@1']);
  });

  it('refuses to rewind a task whose processors scheduled punctuations', () => {
    const { task } = twoInputTask({ onContext: (context) => context.schedule('STREAM_TIME', 100, () => undefined) });
    expect(() => task.rewind()).toThrow('keeps state between records');
  });
});
