// The sink of a persistent query: serialises rows into records for the sink topic, queued on the
// task's producer; the task's commit makes them visible together with the input offsets.
import type { SinkStep } from '../../planner/index.js';
import { createRowSerde, createWindowedKeySerde } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { timestampToMillis } from './timestamps.js';

export function sinkProcessor(name: string, step: SinkStep): ProcessorDefinition {
  const keySerde = createRowSerde(step.keyFormat.format, 'key', step.keyColumns, step.keyFormat);
  const valueSerde = createRowSerde(step.valueFormat.format, 'value', step.valueColumns, step.valueFormat);
  const keyCount = step.keyColumns.length;
  const topic = step.topic;
  const timestampIndex = step.timestampColumnIndex;
  const timestampFormat = step.timestampFormat;
  const windowedKeySerde = step.window === undefined ? undefined : createWindowedKeySerde(keySerde, step.window.type, step.window.sizeMs);
  // A windowed row ends with its window start and end, after the value columns.
  const valueEnd = keyCount + step.valueColumns.length;
  // A source record read without a key has every key column NULL; when the query keeps the
  // source's key, it is written without one again (a single column's NULL already is).
  const keylessWhenAllNull = step.keyPassesThrough && keyCount > 1;
  return {
    name,
    stores: [],
    create: (context) => ({
      process({ row, timestampMs, isDelete }) {
        // Both serdes write a null key (no key columns) as null bytes.
        let keyValues = keyCount === 0 ? null : row.slice(0, keyCount);
        if (keylessWhenAllNull && keyValues!.every((value) => value === null)) keyValues = null;
        const key =
          windowedKeySerde === undefined
            ? keySerde.serialize(keyValues)
            : windowedKeySerde.serialize(keyValues, { start: Number(row[valueEnd]), end: Number(row[valueEnd + 1]) });
        const value = isDelete ? null : valueSerde.serialize(row.slice(keyCount, valueEnd));
        const timestamp = timestampIndex === undefined || isDelete ? timestampMs : timestampToMillis(row[timestampIndex], timestampFormat);
        context.send({ topic, key, value, timestamp });
      },
    }),
  };
}
