// The sink of a persistent query: serialises rows into records for the sink topic. Records are
// buffered and handed to the producer once per batch by the query loop.
import type { SinkStep } from '../../planner/index.js';
import type { ProduceRecord } from '../log/index.js';
import { createRowSerde, createWindowedKeySerde } from '../serde/index.js';
import type { Downstream } from './downstream.js';
import { timestampToMillis } from './timestamps.js';

export function createSink(step: SinkStep, output: ProduceRecord[]): Downstream {
  const keySerde = createRowSerde(step.keyFormat.format, 'key', step.keyColumns, step.keyFormat);
  const valueSerde = createRowSerde(step.valueFormat.format, 'value', step.valueColumns, step.valueFormat);
  const keyCount = step.keyColumns.length;
  const topic = step.topic;
  const timestampIndex = step.timestampColumnIndex;
  const timestampFormat = step.timestampFormat;
  const windowedKeySerde = step.window === undefined ? undefined : createWindowedKeySerde(keySerde, step.window.type, step.window.sizeMs);
  // A windowed row ends with its window start and end, after the value columns.
  const valueEnd = keyCount + step.valueColumns.length;
  return (row, timestamp, tombstone) => {
    // Both serdes write a null key (no key columns) as null bytes.
    const keyValues = keyCount === 0 ? null : row.slice(0, keyCount);
    const key =
      windowedKeySerde === undefined
        ? keySerde.serialize(keyValues)
        : windowedKeySerde.serialize(keyValues, { start: Number(row[valueEnd]), end: Number(row[valueEnd + 1]) });
    const value = tombstone ? null : valueSerde.serialize(row.slice(keyCount, valueEnd));
    const recordTimestamp = timestampIndex === undefined || tombstone ? timestamp : timestampToMillis(row[timestampIndex], timestampFormat);
    output.push({ topic, key, value, timestamp: recordTimestamp });
  };
}
