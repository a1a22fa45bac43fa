// The sink: rows become records for the sink topic, with null keys, window bounds and tombstones as Kafka expects.
import { describe, expect, it } from 'vitest';
import type { Column, SinkStep } from '../../../src/planner/index.js';
import { SqlTypes } from '../../../src/planner/types.js';
import type { ProduceRecord } from '../../../src/runtime/log/index.js';
import { sinkProcessor } from '../../../src/runtime/processors/sink.js';
import { harness } from './processor-harness.js';

/** The sink as a function of (row, timestamp, isDelete), writing into `output`. */
function createSink(step: SinkStep, output: ProduceRecord[]): (row: unknown[], timestampMs: number, isDelete: boolean) => void {
  const sink = harness(sinkProcessor('sink', step));
  return (row, timestampMs, isDelete) => {
    sink.process(row, timestampMs, isDelete);
    output.push(...sink.sent.splice(0));
  };
}

const keyColumn: Column = { name: 'K', type: SqlTypes.INTEGER, namespace: 'KEY' };
const valueColumn: Column = { name: 'V', type: SqlTypes.STRING, namespace: 'VALUE' };

function sinkStep(overrides: Partial<SinkStep>): SinkStep {
  return {
    kind: 'Sink',
    sinkName: 'OUT',
    sourceType: 'STREAM',
    topic: 'out',
    keyColumns: [keyColumn],
    valueColumns: [valueColumn],
    keyFormat: { format: 'KAFKA' },
    valueFormat: { format: 'JSON' },
    keyPassesThrough: true,
    window: undefined,
    timestampColumnIndex: undefined,
    timestampFormat: undefined,
    partitions: undefined,
    ...overrides,
  };
}

function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : Buffer.from(bytes).toString('utf8');
}

describe('sink', () => {
  it('writes the key columns with the key format and the values with the value format', () => {
    const output: ProduceRecord[] = [];
    createSink(sinkStep({}), output)([7, 'a'], 1000, false);
    expect(output).toHaveLength(1);
    expect([...output[0]!.key!]).toEqual([0, 0, 0, 7]);
    expect(text(output[0]!.value)).toBe('{"V":"a"}');
    expect(output[0]!.timestamp).toBe(1000);
  });

  it('writes a null key for a sink without key columns, and for a null key value', () => {
    const output: ProduceRecord[] = [];
    createSink(sinkStep({ keyColumns: [] }), output)(['a'], 1, false);
    createSink(sinkStep({}), output)([null, 'b'], 2, false);
    expect(output.map((record) => record.key)).toEqual([null, null]);
  });

  it('writes a source record read without a key without one, unless the query re-keyed its rows', () => {
    const output: ProduceRecord[] = [];
    const keyColumns: Column[] = [keyColumn, { name: 'K2', type: SqlTypes.INTEGER, namespace: 'KEY' }];
    const step = { keyColumns, keyFormat: { format: 'JSON' } } as const;
    createSink(sinkStep(step), output)([null, null, 'a'], 1, false);
    createSink(sinkStep(step), output)([1, null, 'b'], 2, false);
    createSink(sinkStep({ ...step, keyPassesThrough: false }), output)([null, null, 'c'], 3, false);
    expect(output.map((record) => text(record.key))).toEqual([null, '{"K":1,"K2":null}', '{"K":null,"K2":null}']);
  });

  it('writes a tombstone as a null value with the key kept', () => {
    const output: ProduceRecord[] = [];
    createSink(sinkStep({ sourceType: 'TABLE' }), output)([7, null], 5, true);
    expect([...output[0]!.key!]).toEqual([0, 0, 0, 7]);
    expect(output[0]!.value).toBeNull();
  });

  it('appends the window start from the row to a windowed key', () => {
    // row: [ K | V | WINDOWSTART | WINDOWEND ]
    const output: ProduceRecord[] = [];
    createSink(sinkStep({ window: { type: 'TUMBLING', sizeMs: 10 } }), output)([7, 'a', 20n, 30n], 25, false);
    expect([...output[0]!.key!]).toEqual([0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 20]);
    expect(text(output[0]!.value)).toBe('{"V":"a"}');
  });

  it('writes a windowed sink without key columns with a null key', () => {
    const output: ProduceRecord[] = [];
    createSink(sinkStep({ keyColumns: [], window: { type: 'SESSION' } }), output)(['a', 20n, 30n], 25, false);
    expect(output[0]!.key).toBeNull();
  });

  it('takes the record timestamp from the timestamp column, except for a tombstone', () => {
    const output: ProduceRecord[] = [];
    const timestamped: Column = { name: 'TS', type: SqlTypes.BIGINT, namespace: 'VALUE' };
    const sink = createSink(sinkStep({ valueColumns: [timestamped], timestampColumnIndex: 1 }), output);
    sink([7, 4000n], 1000, false);
    sink([7, null], 1000, true);
    expect(output.map((record) => record.timestamp)).toEqual([4000, 1000]);
  });
});
